using System.Text.Json;
using Retention.Tests.Support;
using static Retention.Tests.Models.BgNbdTests;

namespace Retention.Tests.Models;

/// <summary><c>retention model fit --model mbgnbd</c> through the built <c>retention</c> process, as <see cref="ModelCliTests"/> does the others.</summary>
public sealed class MbgNbdCliTests : IDisposable
{
    private readonly ModelCliFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>The published CDNOW estimates of <see cref="MbgNbdTests.Published"/> (whose comment says where they come from), in the JSON of every model fit.</summary>
    [Fact]
    public async Task Fit_mbgnbd_from_transactions_prints_the_published_estimates_as_json_shaped_like_the_others()
    {
        var input = _files.CdnowTransactions();
        var result = await RetentionCli.RunAsync("model", "fit", "--input", input, "--format", "transactions", "--calibration-end", "1997-09-30", "--model", "mbgnbd");
        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal("mbgnbd", root.GetProperty("model").GetString());
        Assert.True(root.GetProperty("fitted").GetBoolean());
        Assert.Equal("weeks", root.GetProperty("timeUnit").GetString());
        Assert.Equal("1997-09-30", root.GetProperty("calibrationEnd").GetString());
        Assert.Equal(2_357, root.GetProperty("customers").GetInt32());
        var parameters = root.GetProperty("parameters");
        Assert.Equal(["r", "alpha", "a", "b"], parameters.EnumerateObject().Select(p => p.Name));
        AssertRounds(0.525, parameters.GetProperty("r").GetProperty("value").GetDouble(), decimals: 3);
        AssertRounds(6.183, parameters.GetProperty("alpha").GetProperty("value").GetDouble(), decimals: 3);
        AssertRounds(0.891, parameters.GetProperty("a").GetProperty("value").GetDouble(), decimals: 3);
        AssertRounds(1.614, parameters.GetProperty("b").GetProperty("value").GetDouble(), decimals: 3);
        Assert.All(parameters.EnumerateObject(), p => Assert.True(p.Value.GetProperty("standardError").GetDouble() > 0));
        Assert.True(root.GetProperty("convergence").GetProperty("converged").GetBoolean());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("notFitted").ValueKind);

        // The same shape as the BG/NBD's output: the same keys at the top and in the convergence.
        var bg = await RetentionCli.RunAsync("model", "fit", "--input", input, "--format", "transactions", "--calibration-end", "1997-09-30", "--model", "bgnbd");
        Assert.True(bg.ExitCode == 0, bg.Error);
        var bgRoot = JsonDocument.Parse(bg.Output).RootElement;
        Assert.Equal(bgRoot.EnumerateObject().Select(p => p.Name), root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(bgRoot.GetProperty("convergence").EnumerateObject().Select(p => p.Name), root.GetProperty("convergence").EnumerateObject().Select(p => p.Name));
        // A different model: its log-likelihood is its own.
        Assert.NotEqual(bgRoot.GetProperty("logLikelihood").GetDouble(), root.GetProperty("logLikelihood").GetDouble());
    }

    [Fact]
    public async Task Too_little_data_for_mbgnbd_prints_why_and_exits_3()
    {
        var input = _files.Write("tiny.csv", "customer_id,date,amount", "a,2025-01-01,10", "a,2025-02-01,12", "b,2025-01-05,8");
        var result = await RetentionCli.RunAsync("model", "fit", "--input", input, "--format", "transactions", "--model", "mbgnbd");
        Assert.Equal(3, result.ExitCode);
        var root = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal("mbgnbd", root.GetProperty("model").GetString());
        Assert.False(root.GetProperty("fitted").GetBoolean());
        Assert.Equal("TooFewCustomers", root.GetProperty("notFitted").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task An_unknown_model_names_mbgnbd_among_the_choices()
    {
        var input = _files.Write("good.csv", "customer_id,date,amount", "a,2025-01-01,10");
        var result = await RetentionCli.RunAsync("model", "fit", "--input", input, "--format", "transactions", "--model", "mbg");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("mbgnbd", Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }
}
