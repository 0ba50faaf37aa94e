using System.Net;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StaffCloudSync.Tests.WorkerProcess.Rpc;

namespace StaffCloudSync.Tests.WorkerProcess;

/// <summary>
/// The host's end of the worker protocol: a gRPC server on a free loopback port speaking HTTP/2 without TLS (as the
/// Functions host does towards its workers), serving <c>FunctionRpc.EventStream</c>. Each worker that dials in
/// becomes a <see cref="WorkerConnection"/> once it has sent its <c>StartStream</c>.
/// </summary>
internal sealed class FunctionRpcHarness : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Connections connections;

    private FunctionRpcHarness(WebApplication app, Connections connections, Uri endpoint)
    {
        this.app = app;
        this.connections = connections;
        Endpoint = endpoint;
    }

    /// <summary>The address handed to the worker as <c>--functions-uri</c>.</summary>
    public Uri Endpoint { get; }

    public static async Task<FunctionRpcHarness> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(options =>
        {
            options.MaxReceiveMessageSize = null;
            options.EnableDetailedErrors = true;
        });
        var connections = new Connections();
        builder.Services.AddSingleton(connections);

        var app = builder.Build();
        app.MapGrpcService<EventStreamService>();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new FunctionRpcHarness(app, connections, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    /// <summary>The next worker to open its stream and say who it is; fails at the deadline.</summary>
    public async Task<WorkerConnection> AcceptAsync(TimeSpan deadline, FunctionsWorkerProcess? worker = null)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            return await connections.Accepted.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            var output = worker is null ? string.Empty : $" The worker {(worker.HasExited ? "has exited" : "is running")}; its output:\n{worker.Output}";
            Assert.Fail($"No worker opened the event stream at {Endpoint} within {deadline.TotalSeconds:0} s.{output}");
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        connections.Accepted.Writer.TryComplete();
        using (var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await app.StopAsync(stopping.Token);
        }

        await app.DisposeAsync();
    }

    /// <summary>The workers connected so far, handed from the gRPC call to the test.</summary>
    internal sealed class Connections
    {
        public System.Threading.Channels.Channel<WorkerConnection> Accepted { get; } = System.Threading.Channels.Channel.CreateUnbounded<WorkerConnection>();
    }

    /// <summary>One bidirectional stream per worker; it stays open until the worker goes or the host stops.</summary>
    internal sealed class EventStreamService(Connections connections) : FunctionRpc.FunctionRpcBase
    {
        public override async Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
        {
            // The worker speaks first: StartStream with the id the host gave it on the command line.
            if (!await requestStream.MoveNext(context.CancellationToken) || requestStream.Current.ContentCase != StreamingMessage.ContentOneofCase.StartStream)
            {
                throw new Grpc.Core.RpcException(new Status(StatusCode.InvalidArgument, "the first message of a worker must be StartStream"));
            }

            await using var connection = new WorkerConnection(requestStream.Current.StartStream.WorkerId, responseStream, context.CancellationToken);
            await connections.Accepted.Writer.WriteAsync(connection, context.CancellationToken);
            await connection.ReadAllAsync(requestStream);
        }
    }
}
