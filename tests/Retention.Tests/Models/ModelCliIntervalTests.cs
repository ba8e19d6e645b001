using System.Text.Json;
using Retention.Core.Models;
using Retention.Tests.Support;

namespace Retention.Tests.Models;

/// <summary><c>retention model fit</c> prints the file's customers' purchases over 30, 90 and 365 days with 80 % intervals.</summary>
public sealed class ModelCliIntervalTests : IDisposable
{
    private readonly ModelCliFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Fit_bgnbd_prints_the_forecast_with_its_intervals()
    {
        var path = _files.CdnowTransactions();
        var result = await RetentionCli.RunAsync("model", "fit", "--input", path, "--format", "transactions", "--calibration-end", "1997-09-30");
        Assert.True(result.ExitCode == 0, result.Error);
        var forecast = JsonDocument.Parse(result.Output).RootElement.GetProperty("forecast");
        Assert.Equal(ForecastIntervals.DefaultDraws, forecast.GetProperty("parameterDraws").GetInt32());
        var purchases = forecast.GetProperty("purchases").EnumerateArray().ToList();
        Assert.Equal([30, 90, 365], purchases.Select(p => p.GetProperty("horizonDays").GetInt32()));

        // The same as the library computes on the same summaries.
        var summaries = CdnowSample.Summaries;
        var fit = BgNbdFitter.Fit(summaries);
        var expected = ForecastIntervals.ForShop(fit.Model!, fit.LogParameterCovariance, null, null, summaries)!.Lines;
        foreach (var (json, line) in purchases.Zip(expected))
        {
            Assert.Equal(line.Predicted, json.GetProperty("predicted").GetDouble(), 1e-9 * line.Predicted);
            Assert.Equal(line.Low, json.GetProperty("low").GetDouble(), 1e-6 * line.Predicted);
            Assert.Equal(line.High, json.GetProperty("high").GetDouble(), 1e-6 * line.Predicted);
            Assert.True(line.Low < line.Predicted && line.Predicted < line.High);
        }
    }

    [Fact]
    public async Task Gamma_gamma_has_no_forecast()
    {
        var path = _files.CdnowSummary();
        var result = await RetentionCli.RunAsync("model", "fit", "--input", path, "--format", "summary", "--model", "gammagamma");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.False(JsonDocument.Parse(result.Output).RootElement.TryGetProperty("forecast", out _));
    }
}
