using System.Collections.Frozen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Retention.Pipeline;
using Retention.Pipeline.Audiences;
using Retention.Pipeline.Hosting;
using Retention.Pipeline.Http;
using Retention.Pipeline.Processing;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Snapshots;
using Retention.Pipeline.Storage;
using Retention.Pipeline.Telemetry;

namespace Retention.Cli.LocalHost;

/// <summary>
/// Runs the Functions app's triggers without the Functions runtime: the same HTTP routes on Kestrel, one
/// <see cref="QueueTriggerListener"/> per queue trigger and the <see cref="NightlyTimer"/>, all over the same
/// services (<see cref="PipelineServices.AddRetentionPipeline"/>) and settings names.
/// </summary>
public sealed class LocalFunctionsHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalFunctionsHost(WebApplication app, QueueTriggerListener orderEvents, QueueTriggerListener snapshotRequests,
        QueueTriggerListener audienceDeliveries)
    {
        _app = app;
        OrderEvents = orderEvents;
        SnapshotRequests = snapshotRequests;
        AudienceDeliveries = audienceDeliveries;
    }

    public IServiceProvider Services => _app.Services;

    /// <summary>The routes this host maps, for the test that holds them to <see cref="FunctionBindings"/>.</summary>
    public IReadOnlyList<Endpoint> Endpoints => [.. ((IEndpointRouteBuilder)_app).DataSources.SelectMany(d => d.Endpoints)];
    public QueueTriggerListener OrderEvents { get; }
    public QueueTriggerListener SnapshotRequests { get; }
    public QueueTriggerListener AudienceDeliveries { get; }

    /// <summary>The base address Kestrel listens on, such as http://127.0.0.1:7071.</summary>
    public Uri BaseAddress => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static LocalFunctionsHost Create(IConfiguration configuration, LocalHostOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddConfiguration(configuration);
        builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port}");
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        // On standard error: standard output is the command's own (serve's address, the demo's figures), for a file or a pipe.
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(options.LogLevel);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
        builder.Logging.AddFilter("Azure", LogLevel.Warning);
        options.ConfigureLogging?.Invoke(builder.Logging);
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.Services.AddRetentionPipeline(builder.Configuration);
        if (options.Telemetry is { Any: true } exporters) builder.Services.AddRetentionTelemetry(exporters, incomingRequests: true);

        var queueOptions = QueueTriggerOptions.FromHostJson(options.HostJsonPath);
        if (options.QueueLease is { } lease)
        {
            if (QueueTriggerOptions.LeaseProblem(lease) is { } problem) throw new ArgumentOutOfRangeException(nameof(options), lease, problem);
            queueOptions = queueOptions with { Lease = lease };
        }
        foreach (var binding in FunctionBindings.All.Where(b => b.Trigger == FunctionTrigger.Queue))
        {
            var (queue, handler) = (binding.Queue!, QueueHandlers[binding.Name]);
            builder.Services.AddKeyedSingleton(queue, (sp, _) => Listener(sp, queue, queueOptions, handler(sp)));
            // Not AddHostedService: it de-duplicates by type, which would start only the first listener.
            builder.Services.AddSingleton<IHostedService>(sp => sp.GetRequiredKeyedService<QueueTriggerListener>(queue));
        }
        if (options.EnableTimer)
        {
            var setting = FunctionBindings.Named(FunctionBindings.NightlySnapshot).Schedule!.Trim('%');
            var schedule = builder.Configuration[setting] ?? SettingNames.DefaultNightlySnapshotSchedule;
            NightlyTimer.Parse(schedule);
            builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<NightlyTimer>(sp, schedule));
        }

        var app = builder.Build();
        foreach (var binding in FunctionBindings.All.Where(b => b.Trigger == FunctionTrigger.Http))
        {
            var handler = HttpHandlers[binding.Name];
            app.MapMethods(HttpRoutes.Local(binding.Route!), [binding.Method!.ToUpperInvariant()],
                (HttpContext context) => Execute(context, handler(context, context.RequestServices)));
        }
        // The short address a person types locally, /report/{shop}: the same page as /api/report/{shop}.
        app.MapGet("/" + HttpRoutes.Report, (HttpContext context) => Execute(context, HttpHandlers[FunctionBindings.Report](context, context.RequestServices)));

        return new LocalFunctionsHost(app, app.Services.GetRequiredKeyedService<QueueTriggerListener>(StorageNames.OrderEventsQueue),
            app.Services.GetRequiredKeyedService<QueueTriggerListener>(StorageNames.SnapshotRequestsQueue),
            app.Services.GetRequiredKeyedService<QueueTriggerListener>(StorageNames.AudienceDeliveriesQueue));
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _app.Services.GetRequiredService<RetentionStorage>().EnsureCreatedAsync(cancellationToken);
        await _app.StartAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _app.StopAsync(cancellationToken);

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>The host reads secrets from the settings file, which it reloads on change; waits until it sees this one.</summary>
    public async Task WaitForSecretAsync(string shopId, string secret, CancellationToken cancellationToken)
    {
        var credentials = Services.GetRequiredService<ShopCredentialStore>();
        for (var i = 0; i < 100 && credentials.Find(shopId)?.WebhookSecret != secret; i++)
            await Task.Delay(50, cancellationToken);
        if (credentials.Find(shopId)?.WebhookSecret != secret)
            throw new InvalidOperationException($"the local host did not pick up the secret of {shopId} from the settings file");
    }

    /// <summary>Waits until the order-events and snapshot-requests queues are empty and idle on two polls in a row.</summary>
    public async Task WaitForQueuesToDrainAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        var quietPolls = 0;
        while (quietPolls < 2)
        {
            if (DateTimeOffset.UtcNow > deadline) throw new InvalidOperationException($"the queues did not drain within {timeout}");
            await Task.Delay(250, cancellationToken);
            bool drained;
            try
            {
                // Not the audience deliveries: one waiting out its back-off for a receiver that is down would hold this up for
                // hours. Whoever waits for them reads the outbox (AudienceDeliveryTable).
                drained = await OrderEvents.IsDrainedAsync(cancellationToken) && await SnapshotRequests.IsDrainedAsync(cancellationToken);
            }
            catch (Exception e) when (StorageFailure.IsUnavailable(e, cancellationToken))
            {
                // A storage saturated by the very burst being drained may time a poll out: that is not drained, poll again.
                drained = false;
            }
            quietPolls = drained ? quietPolls + 1 : 0;
        }
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    /// <summary>What each HTTP function of <see cref="FunctionBindings"/> does: the same services the Functions app's classes call.</summary>
    private static readonly FrozenDictionary<string, Func<HttpContext, IServiceProvider, Task<IActionResult>>> HttpHandlers =
        new Dictionary<string, Func<HttpContext, IServiceProvider, Task<IActionResult>>>
        {
            [FunctionBindings.GenericWebhook] = (c, sp) => sp.GetRequiredService<WebhookEndpoints>().GenericAsync(c.Request, Route(c, "shop"), c.RequestAborted),
            [FunctionBindings.ShopifyWebhook] = (c, sp) => sp.GetRequiredService<WebhookEndpoints>().ShopifyAsync(c.Request, Route(c, "shop"), c.RequestAborted),
            [FunctionBindings.WooCommerceWebhook] = (c, sp) =>
                sp.GetRequiredService<WebhookEndpoints>().WooCommerceAsync(c.Request, Route(c, "shop"), c.RequestAborted),
            [FunctionBindings.Feedback] = (c, sp) => sp.GetRequiredService<WebhookEndpoints>().FeedbackAsync(c.Request, Route(c, "shop"), c.RequestAborted),
            [FunctionBindings.RetentionSpend] = (c, sp) =>
                sp.GetRequiredService<WebhookEndpoints>().RetentionSpendAsync(c.Request, Route(c, "shop"), c.RequestAborted),
            [FunctionBindings.Health] = (c, sp) => sp.GetRequiredService<HealthEndpoint>().CheckAsync(c.RequestAborted),
            // The shop's report key, here as in Azure (where the route also needs a function key).
            [FunctionBindings.Report] = (c, sp) =>
                sp.GetRequiredService<ReportEndpoint>().LatestAsync(Route(c, "shop"), ReportEndpoint.PresentedKey(c.Request), c.RequestAborted),
            [FunctionBindings.ReportOfDay] = (c, sp) => sp.GetRequiredService<ReportEndpoint>()
                .OfDayAsync(Route(c, "shop"), Route(c, "date"), ReportEndpoint.PresentedKey(c.Request), c.RequestAborted),
        }.ToFrozenDictionary();

    /// <summary>What each queue function of <see cref="FunctionBindings"/> does with a message.</summary>
    private static readonly FrozenDictionary<string, Func<IServiceProvider, Func<string, CancellationToken, Task>>> QueueHandlers =
        new Dictionary<string, Func<IServiceProvider, Func<string, CancellationToken, Task>>>
        {
            [FunctionBindings.ProcessOrderEvent] = sp => sp.GetRequiredService<OrderEventsDispatch>().HandleAsync,
            [FunctionBindings.ComputeShopSnapshot] = sp => sp.GetRequiredService<SnapshotService>().HandleRequestAsync,
            [FunctionBindings.DeliverAudienceChanges] = sp => sp.GetRequiredService<AudienceDeliveryService>().HandleAsync,
        }.ToFrozenDictionary();

    private static string Route(HttpContext context, string name) => (string)context.GetRouteValue(name)!;

    private static QueueTriggerListener Listener(IServiceProvider services, string queue, QueueTriggerOptions options,
        Func<string, CancellationToken, Task> handler) =>
        new(queue, handler, services.GetRequiredService<RetentionStorage>(), options,
            services.GetRequiredService<ILoggerFactory>().CreateLogger($"Queue.{queue}"), services.GetRequiredService<QueueInvocation>());

    private static async Task Execute(HttpContext context, Task<IActionResult> result) =>
        await (await result).ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
}

/// <param name="ConfigureLogging">more logging setup after the console's, such as a test's own log sink.</param>
/// <param name="QueueLease">
/// the queue listeners' lease on a message being handled (<see cref="QueueTriggerOptions.Lease"/>); null keeps the Functions
/// host's ten minutes. A short one brings a crashed host's messages back sooner.
/// </param>
/// <param name="Telemetry">where traces, metrics and logs go (<c>serve --otlp</c>, <c>--console-telemetry</c>, a test's in-memory
/// exporters); null sends them nowhere.</param>
public sealed record LocalHostOptions(int Port, string HostJsonPath, bool EnableTimer = true, LogLevel LogLevel = LogLevel.Information,
    Action<ILoggingBuilder>? ConfigureLogging = null, TimeSpan? QueueLease = null, TelemetryExporters? Telemetry = null)
{
    public static string DefaultHostJson => Path.Combine(AppContext.BaseDirectory, "host.json");
}
