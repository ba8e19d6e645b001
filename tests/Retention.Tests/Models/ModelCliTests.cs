using System.Text.Json;
using Retention.Tests.Support;
using static Retention.Tests.Models.BgNbdTests;

namespace Retention.Tests.Models;

/// <summary><c>retention model fit</c> through the built <c>retention</c> process, on CDNOW written out as the two input formats.</summary>
public sealed class ModelCliTests : IDisposable
{
    private readonly ModelCliFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Fit_bgnbd_from_transactions_prints_the_estimates_as_json()
    {
        var result = await RetentionCli.RunAsync("model", "fit", "--input", _files.CdnowTransactions(), "--format", "transactions", "--calibration-end", "1997-09-30");
        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal("bgnbd", root.GetProperty("model").GetString());
        Assert.True(root.GetProperty("fitted").GetBoolean());
        Assert.Equal("1997-09-30", root.GetProperty("calibrationEnd").GetString());
        Assert.Equal(2_357, root.GetProperty("customers").GetInt32());
        var parameters = root.GetProperty("parameters");
        AssertRelative(0.2425945, parameters.GetProperty("r").GetProperty("value").GetDouble(), 1e-3);
        AssertRelative(4.4136019, parameters.GetProperty("alpha").GetProperty("value").GetDouble(), 1e-3);
        AssertRelative(0.7929199, parameters.GetProperty("a").GetProperty("value").GetDouble(), 1e-3);
        AssertRelative(2.4258881, parameters.GetProperty("b").GetProperty("value").GetDouble(), 1e-3);
        Assert.True(parameters.GetProperty("r").GetProperty("standardError").GetDouble() > 0);
        AssertRelative(-9582.429, root.GetProperty("logLikelihood").GetDouble(), 1e-3);
        Assert.True(root.GetProperty("convergence").GetProperty("converged").GetBoolean());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("notFitted").ValueKind);
    }

    [Fact]
    public async Task Fit_gamma_gamma_and_pareto_nbd_from_the_published_summary()
    {
        var summary = _files.CdnowSummary();
        var spend = await RetentionCli.RunAsync("model", "fit", "--input", summary, "--format", "summary", "--model", "gammagamma");
        Assert.True(spend.ExitCode == 0, spend.Error);
        var parameters = JsonDocument.Parse(spend.Output).RootElement.GetProperty("parameters");
        AssertRelative(6.25, parameters.GetProperty("p").GetProperty("value").GetDouble(), 2e-3);
        AssertRelative(3.74, parameters.GetProperty("q").GetProperty("value").GetDouble(), 2e-3);
        AssertRelative(15.44, parameters.GetProperty("gamma").GetProperty("value").GetDouble(), 2e-3);

        var pareto = await RetentionCli.RunAsync("model", "fit", "--input", summary, "--format", "summary", "--model", "paretonbd");
        Assert.True(pareto.ExitCode == 0, pareto.Error);
        var root = JsonDocument.Parse(pareto.Output).RootElement;
        AssertRelative(-9595.0, root.GetProperty("logLikelihood").GetDouble(), 1e-4);
        Assert.Equal(4, root.GetProperty("parameters").EnumerateObject().Count());
    }

    [Fact]
    public async Task Too_little_data_prints_why_and_exits_3()
    {
        var input = _files.Write("tiny.csv", "customer_id,date,amount", "a,2025-01-01,10", "a,2025-02-01,12", "b,2025-01-05,8");
        var result = await RetentionCli.RunAsync("model", "fit", "--input", input, "--format", "transactions");
        Assert.Equal(3, result.ExitCode);
        var root = JsonDocument.Parse(result.Output).RootElement;
        Assert.False(root.GetProperty("fitted").GetBoolean());
        Assert.Equal("TooFewCustomers", root.GetProperty("notFitted").GetProperty("reason").GetString());
        Assert.Empty(root.GetProperty("parameters").EnumerateObject());
    }

    [Theory]
    [InlineData("transactions", "bgnbd", "no-such-file.csv", "no such file", 2)]
    [InlineData("xml", "bgnbd", "good", "--format", 2)]
    [InlineData("transactions", "bgnbd2", "good", "--model", 2)]
    [InlineData("transactions", "bgnbd", "bad-date", "line 3: date must be YYYY-MM-DD", 1)]
    [InlineData("transactions", "bgnbd", "bad-amount", "line 2: amount", 1)]
    [InlineData("transactions", "bgnbd", "no-header", "must name customer_id,date,amount", 1)]
    [InlineData("summary", "gammagamma", "summary-no-monetary", "monetary", 2)]
    [InlineData("summary", "bgnbd", "summary-bad", "line 2: customer s1", 1)]
    public async Task Bad_input_exits_non_zero_with_one_readable_line(string format, string model, string file, string mentions, int exitCode)
    {
        var path = file switch
        {
            "good" => _files.Write("good.csv", "customer_id,date,amount", "a,2025-01-01,10"),
            "bad-date" => _files.Write("bad-date.csv", "customer_id,date,amount", "a,2025-01-01,10", "a,01/02/2025,10"),
            "bad-amount" => _files.Write("bad-amount.csv", "customer_id,date,amount", "a,2025-01-01,ten"),
            "no-header" => _files.Write("no-header.csv", "a,2025-01-01,10"),
            "summary-no-monetary" => _files.Write("summary-no-monetary.csv", "customer_id,x,t_x,T", "s1,1,2,3"),
            "summary-bad" => _files.Write("summary-bad.csv", "customer_id,x,t_x,T", "s1,1,5,3"),
            _ => _files.PathOf(file),
        };
        var result = await RetentionCli.RunAsync("model", "fit", "--input", path, "--format", format, "--model", model);
        Assert.Equal(exitCode, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("retention: ", line);
        Assert.Contains(mentions, line);
    }

    [Fact]
    public async Task Calibration_end_is_for_transactions_only()
    {
        var result = await RetentionCli.RunAsync("model", "fit", "--input", _files.CdnowSummary(), "--format", "summary", "--calibration-end", "1997-09-30");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--calibration-end applies to --format transactions only", result.Error);
    }

    [Fact]
    public async Task Bench_models_prints_the_timings_of_a_small_run()
    {
        var result = await RetentionCli.RunAsync("bench", "models", "--customers", "5000");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("5,000 customers", result.Output);
        Assert.Contains("BG/NBD fit", result.Output);
        Assert.Contains("P/NBD fit", result.Output);
        Assert.Contains("MBG fit", result.Output);
        Assert.Matches(@"MBG/NBD +r \d+\.\d{4} alpha \d+\.\d{4} a \d+\.\d{4} b \d+\.\d{4}", result.Output);
        Assert.Contains("Pareto/NBD fit (with compression)", result.Output);
        Assert.Contains("predict all", result.Output);
    }
}
