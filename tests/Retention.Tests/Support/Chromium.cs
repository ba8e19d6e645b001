using Microsoft.Playwright;

namespace Retention.Tests.Support;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, which ./test.sh installs when it is missing) driven headless through
/// Playwright, one browser per test class. Playwright's own browser download is never used. When Chromium is missing
/// or cannot start, every browser test fails at once with the reason, instead of waiting on a browser that never comes.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    /// <summary>Debian's Chromium; <c>RETENTION_CHROMIUM</c> points elsewhere (a developer's own Chromium build, say).</summary>
    public static string ExecutablePath { get; } = Environment.GetEnvironmentVariable("RETENTION_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string? _problem;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            _problem = $"Chromium is not installed at {ExecutablePath}: run ./test.sh, which installs Debian's chromium package " +
                       "(apt-get install -y --no-install-recommends chromium)";
            return;
        }
        try
        {
            _playwright = await Playwright.CreateAsync().WaitAsync(StartLimit);
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Timeout = (float)StartLimit.TotalMilliseconds,
                // /dev/shm is small in containers; Chromium then crashes tabs instead of saying why.
                Args = ["--disable-dev-shm-usage"],
            }).WaitAsync(StartLimit);
        }
        catch (Exception e)
        {
            _problem = $"Chromium at {ExecutablePath} could not be started (time limit {StartLimit.TotalSeconds:0} s): {e.GetType().Name}: {e.Message}";
        }
    }

    /// <summary>A fresh page with short time limits; fails the test with the reason when there is no browser.</summary>
    public async Task<IPage> NewPageAsync()
    {
        if (_browser is null) Assert.Fail(_problem ?? "Chromium was not started");
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        page.SetDefaultTimeout(30_000);
        page.SetDefaultNavigationTimeout(30_000);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
    }

    /// <summary>Where screenshots are kept: beside the test assembly, so a CI run can pick them up.</summary>
    public static string ArtifactPath(string fileName)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, fileName);
    }
}

/// <summary>What went wrong while a page loaded: console errors, script errors, failed requests and error responses.</summary>
public sealed class PageProblems
{
    private readonly List<string> _problems = [];

    public PageProblems(IPage page)
    {
        page.Console += (_, message) => { if (message.Type == "error") Add($"console error: {message.Text}"); };
        page.PageError += (_, error) => Add($"page error: {error}");
        page.RequestFailed += (_, request) => Add($"request failed: {request.Method} {request.Url} ({request.Failure})");
        page.Response += (_, response) => { if (response.Status >= 400) Add($"{response.Status} for {response.Request.Method} {response.Url}"); };
    }

    public IReadOnlyList<string> All { get { lock (_problems) return [.. _problems]; } }

    private void Add(string problem) { lock (_problems) _problems.Add(problem); }
}
