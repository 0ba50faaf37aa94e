using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;

namespace StaffCloudSync.Sandbox.Hosting;

/// <summary>Free loopback ports for a private emulator, and whether an endpoint accepts connections.</summary>
internal static class LoopbackPorts
{
    public static (int Blob, int Queue, int Table) FreeThree()
    {
        // All three bound at once so the system hands out three different ports.
        var listeners = Enumerable.Range(0, 3).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToList();
            return (ports[0], ports[1], ports[2]);
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    public static async Task<bool> AllAcceptAsync(params int[] ports)
    {
        foreach (var port in ports)
        {
            if (!await AcceptsAsync("127.0.0.1", port).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }

    public static async Task<bool> AcceptsAsync(string host, int port)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await client.ConnectAsync(host, port, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Whether the table endpoint of a connection string (read by the Tables SDK) accepts connections.</summary>
    public static Task<bool> IsReachableAsync(string connectionString)
    {
        Uri endpoint;
        try
        {
            endpoint = new TableServiceClient(connectionString).Uri;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            return Task.FromResult(false);
        }

        return AcceptsAsync(endpoint.Host, endpoint.Port);
    }
}
