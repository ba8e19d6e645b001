using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Retention.Tests.Support;

/// <summary>
/// A real Azurite (Blob, Queue, Table) in memory on free loopback ports, started from the repository's own
/// node_modules (./test.sh installs it) and killed on dispose.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly List<Process> _processes = [];
    private readonly int _blobPort, _queuePort, _tablePort;

    private Azurite(int blobPort, int queuePort, int tablePort)
    {
        _blobPort = blobPort;
        _queuePort = queuePort;
        _tablePort = tablePort;
    }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentKey};" +
        $"BlobEndpoint=http://127.0.0.1:{_blobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{_queuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{_tablePort}/devstoreaccount1;";

    public static async Task<Azurite> StartAsync()
    {
        var azurite = new Azurite(FreePort(), FreePort(), FreePort());
        await azurite.RestartAsync();
        return azurite;
    }

    /// <summary>Starts it again on the same ports (in memory: the data is gone), as after an outage.</summary>
    public async Task RestartAsync()
    {
        // One Node process per service: Node is single-threaded, and three processes use both cores.
        foreach (var (service, port) in new[] { ("blob", _blobPort), ("queue", _queuePort), ("table", _tablePort) })
            _processes.Add(StartService(service, port));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        foreach (var (process, port) in _processes.Zip([_blobPort, _queuePort, _tablePort]))
        {
            while (!await IsListeningAsync(port))
            {
                if (process.HasExited) throw new InvalidOperationException($"Azurite exited with code {process.ExitCode}");
                if (DateTime.UtcNow > deadline) throw new TimeoutException("Azurite did not start within 30 s");
                await Task.Delay(100);
            }
        }
    }

    private static Process StartService(string service, int port)
    {
        var script = Path.Combine(RepositoryRoot.Path, "node_modules", "azurite", "dist", "src", service, "main.js");
        if (!File.Exists(script)) throw new InvalidOperationException("Azurite is not installed: run ./test.sh (it runs npm ci)");
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { script, "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl",
                "--disableTelemetry", $"--{service}Host", "127.0.0.1", $"--{service}Port", $"{port}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Kills the processes hard, as an outage would.</summary>
    public async Task StopAsync()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
        _processes.Clear();
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> IsListeningAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
