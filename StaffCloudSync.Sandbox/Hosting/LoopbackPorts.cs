using System.Net;
using System.Net.Sockets;

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

    /// <summary>Whether the table endpoint of a connection string accepts connections.</summary>
    public static Task<bool> IsReachableAsync(string connectionString)
    {
        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        Uri? endpoint = null;
        if (parts.TryGetValue("UseDevelopmentStorage", out var development) && development.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            endpoint = new Uri("http://127.0.0.1:10002");
        }
        else if (parts.TryGetValue("TableEndpoint", out var table))
        {
            _ = Uri.TryCreate(table, UriKind.Absolute, out endpoint);
        }
        else if (parts.TryGetValue("AccountName", out var account))
        {
            var suffix = parts.GetValueOrDefault("EndpointSuffix", "core.windows.net");
            endpoint = new Uri($"https://{account}.table.{suffix}");
        }

        return endpoint is null ? Task.FromResult(false) : AcceptsAsync(endpoint.Host, endpoint.Port);
    }
}
