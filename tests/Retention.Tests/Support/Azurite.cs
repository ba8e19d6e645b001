using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Retention.Tests.Support;

/// <summary>The three storage services Azurite runs, each in a Node process of its own.</summary>
public enum AzuriteService { Blob, Queue, Table }

/// <summary>
/// A real Azurite (Blob, Queue, Table) on free loopback ports, started from the repository's own node_modules
/// (./test.sh installs it) and killed on dispose. In memory by default; <see cref="StartPersistentAsync"/> keeps its
/// data in a temporary folder instead, so it survives a restart (the folder is deleted on dispose).
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private const int SigInt = 2;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private readonly Dictionary<AzuriteService, Process> _processes = [];
    private readonly Dictionary<AzuriteService, int> _ports;
    private readonly string? _location;

    private Azurite(string? location)
    {
        _ports = Enum.GetValues<AzuriteService>().ToDictionary(service => service, _ => FreePort());
        _location = location;
    }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentKey};" +
        $"BlobEndpoint=http://127.0.0.1:{_ports[AzuriteService.Blob]}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{_ports[AzuriteService.Queue]}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{_ports[AzuriteService.Table]}/devstoreaccount1;";

    /// <summary>In memory: a restart loses every blob, message and row.</summary>
    public static Task<Azurite> StartAsync() => StartAsync(location: null);

    /// <summary>On disk in a temporary folder, so data outlives <see cref="StopGracefullyAsync"/> and <see cref="RestartAsync"/>.</summary>
    public static Task<Azurite> StartPersistentAsync() =>
        StartAsync(Directory.CreateTempSubdirectory("retention-azurite-").FullName);

    private static async Task<Azurite> StartAsync(string? location)
    {
        var azurite = new Azurite(location);
        try
        {
            await azurite.RestartAsync();
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
        return azurite;
    }

    /// <summary>
    /// Starts every service that is not running, on its same port (and, when persistent, from the same folder), as
    /// after an outage; returns once each listens.
    /// </summary>
    public async Task RestartAsync()
    {
        // One Node process per service: Node is single-threaded, and three processes use both cores.
        var started = Enum.GetValues<AzuriteService>().Where(service => !_processes.ContainsKey(service)).ToList();
        foreach (var service in started) _processes[service] = StartService(service);
        var deadline = DateTime.UtcNow + StartTimeout;
        foreach (var service in started)
        {
            while (!await IsListeningAsync(_ports[service]))
            {
                if (_processes[service].HasExited) throw new InvalidOperationException($"Azurite {service} exited with code {_processes[service].ExitCode}");
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"Azurite {service} did not start within {StartTimeout.TotalSeconds} s");
                await Task.Delay(100);
            }
        }
    }

    private Process StartService(AzuriteService service)
    {
        var name = service.ToString().ToLowerInvariant();
        var script = Path.Combine(RepositoryRoot.Path, "node_modules", "azurite", "dist", "src", name, "main.js");
        if (!File.Exists(script)) throw new InvalidOperationException("Azurite is not installed: run ./test.sh (it runs npm ci)");
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { script, "--silent", "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl",
                "--disableTelemetry", $"--{name}Host", "127.0.0.1", $"--{name}Port", $"{_ports[service]}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        // The three services keep files of their own names (__azurite_db_blob__.json, __queuestorage__/, ...) in one folder.
        if (_location is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(_location);
        }
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
        foreach (var process in _processes.Values)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
        _processes.Clear();
    }

    /// <summary>
    /// Stops the given services (all when none is named) with SIGINT, Azurite's own shutdown, which saves its database
    /// before the process exits; requests already being answered are finished, later ones are refused. A persistent
    /// Azurite needs this to keep what it acknowledged: it holds its metadata (which blobs, messages and rows exist) in
    /// LokiJS in memory and writes it to disk only every 5 seconds, so a SIGKILL forgets up to 5 seconds of writes it
    /// already answered 201 to. Real Azure Storage makes a write durable before it answers; that loss would be the
    /// emulator's, not an outage's. (SIGINT, not SIGTERM: Azurite's table service only handles SIGINT.)
    /// </summary>
    public async Task StopGracefullyAsync(params AzuriteService[] services)
    {
        var stopping = services.Length == 0 ? [.. _processes.Keys] : services.Where(_processes.ContainsKey).ToList();
        foreach (var service in stopping)
        {
            var process = _processes[service];
            if (!process.HasExited && kill(process.Id, SigInt) != 0 && !process.HasExited)
                throw new InvalidOperationException($"could not signal Azurite {service} (pid {process.Id}): errno {Marshal.GetLastPInvokeError()}");
        }
        using var timeout = new CancellationTokenSource(StopTimeout);
        foreach (var service in stopping)
        {
            try
            {
                await _processes[service].WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Azurite {service} did not exit within {StopTimeout.TotalSeconds} s of SIGINT");
            }
            _processes[service].Dispose();
            _processes.Remove(service);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_location is not null && Directory.Exists(_location)) Directory.Delete(_location, recursive: true);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    /// <summary>
    /// Every port handed to an Azurite of this test process, never handed out twice. A port is free when the OS gives
    /// it, but the OS may give the same one again before the first Azurite's Node process binds it; test classes start
    /// their Azurites in parallel, and then one instance's table requests reached another's blob service ("The
    /// specified resource name contains invalid characters", seen in CI). Shared by the process, as the ports are.
    /// </summary>
    private static readonly HashSet<int> HandedOut = [];

    private static int FreePort()
    {
        lock (HandedOut)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (HandedOut.Add(port)) return port;
            }
        }
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
