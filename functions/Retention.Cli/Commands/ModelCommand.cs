using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Retention.Core.Models;

namespace Retention.Cli.Commands;

/// <summary>
/// <c>retention model fit</c>: fits one CLV model to a file of transactions or customer summaries and prints the
/// estimates, standard errors, log-likelihood and convergence as JSON (<c>docs/models.md</c>, "Command line"). Exit 0
/// when fitted, 3 when the data cannot support the model (the JSON says why), 1 or 2 with one line for a bad file or
/// a bad option.
/// </summary>
public static class ModelCommand
{
    public const int NotFittedExitCode = 3;

    public static Command Create() => new("model", "Fit the CLV models (BG/NBD, Pareto/NBD, MBG/NBD, Gamma-Gamma) to a file") { Fit() };

    private static Command Fit()
    {
        var input = new Option<string>("--input") { Description = "CSV file: transactions (customer_id,date,amount) or summaries (customer_id,x,t_x,T[,monetary])", Required = true };
        var format = new Option<string>("--format") { Description = "transactions or summary", Required = true };
        var model = new Option<string>("--model")
        {
            Description = $"{ModelNames.BgNbd} (default), {ModelNames.ParetoNbd}, {ModelNames.MbgNbd} or {ModelNames.GammaGamma}", DefaultValueFactory = _ => ModelNames.BgNbd,
        };
        var calibrationEnd = new Option<string?>("--calibration-end") { Description = "Transactions: the calibration end YYYY-MM-DD (default: the last date in the file); later rows are ignored" };
        var unit = new Option<string>("--unit") { Description = "Time unit of t_x, T and alpha: weeks (default) or days", DefaultValueFactory = _ => "weeks" };
        var command = new Command("fit", "Fit a model and print its parameters, standard errors, log-likelihood and convergence as JSON")
        {
            input, format, model, calibrationEnd, unit,
        };
        command.SetAction(StorageNeed.Never, (parse, _, _) =>
        {
            var path = parse.GetValue(input)!;
            var kind = parse.GetValue(format);
            var name = parse.GetValue(model);
            var end = parse.GetValue(calibrationEnd);
            if (kind is not ("transactions" or "summary")) throw new CliUsageException($"--format must be transactions or summary, not '{kind}'");
            if (name is not (ModelNames.BgNbd or ModelNames.ParetoNbd or ModelNames.MbgNbd or ModelNames.GammaGamma))
                throw new CliUsageException($"--model must be {ModelNames.BgNbd}, {ModelNames.ParetoNbd}, {ModelNames.MbgNbd} or {ModelNames.GammaGamma}, not '{name}'");
            if (kind == "summary" && end is not null) throw new CliUsageException("--calibration-end applies to --format transactions only (a summary is already taken at one)");
            ModelTimeUnit timeUnit;
            try
            {
                timeUnit = ModelTimeUnits.Parse(parse.GetValue(unit)!);
            }
            catch (ArgumentException)
            {
                throw new CliUsageException($"--unit must be weeks or days, not '{parse.GetValue(unit)}'");
            }
            var calibration = end is null ? (DateOnly?)null : CliValues.Date(end, "--calibration-end");

            CustomerSummaries summaries;
            if (kind == "transactions")
            {
                var rows = ModelInputFile.ReadTransactions(path);
                if (rows.Count == 0) throw new InvalidDataException($"{path} has no transactions");
                var at = calibration ?? rows.Max(r => r.Day);
                summaries = CustomerSummary.FromPurchases(rows, at, timeUnit);
            }
            else
            {
                if (name == ModelNames.GammaGamma && !ModelInputFile.HasColumn(path, "monetary"))
                    throw new CliUsageException($"--model {ModelNames.GammaGamma} needs a monetary column in the summary file");
                summaries = ModelInputFile.ReadSummaries(path, timeUnit);
            }

            var json = name switch
            {
                ModelNames.BgNbd => Json(BgNbdFitter.Fit(summaries), summaries, Intervals<BgNbdModel>),
                ModelNames.ParetoNbd => Json(ParetoNbdFitter.Fit(summaries), summaries, Intervals<ParetoNbdModel>),
                ModelNames.MbgNbd => Json(MbgNbdFitter.Fit(summaries), summaries, Intervals<MbgNbdModel>),
                _ => Json(GammaGammaFitter.Fit(summaries), summaries),
            };
            Console.WriteLine(json.Text);
            return Task.FromResult(json.Fitted ? 0 : NotFittedExitCode);
        });
        return command;
    }

    /// <summary>The file's customers' repeat purchases over 30, 90 and 365 days with 80 % intervals (<see cref="ForecastIntervals"/>).</summary>
    private static ShopForecast? Intervals<T>(ModelFit<T> fit, CustomerSummaries summaries) where T : class =>
        fit.Model is IPurchaseModel model ? ForecastIntervals.ForShop(model, fit.LogParameterCovariance, null, null, summaries) : null;

    private static (string Text, bool Fitted) Json<T>(ModelFit<T> fit, CustomerSummaries summaries,
        Func<ModelFit<T>, CustomerSummaries, ShopForecast?>? intervals = null) where T : class
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("model", fit.ModelName);
            w.WriteBoolean("fitted", fit.IsFitted);
            w.WriteString("timeUnit", summaries.Unit == ModelTimeUnit.Week ? "weeks" : "days");
            if (summaries.CalibrationEnd is { } end) w.WriteString("calibrationEnd", end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteNumber("customersInFile", summaries.Count);
            w.WriteNumber("customers", fit.Customers);
            w.WriteNumber("observations", fit.Observations);
            w.WriteNumber("excluded", fit.Excluded);
            w.WriteStartObject("parameters");
            foreach (var p in fit.Parameters)
            {
                w.WriteStartObject(p.Name);
                w.WriteNumber("value", p.Value);
                if (p.StandardError is { } se) w.WriteNumber("standardError", se);
                else w.WriteNull("standardError");
                w.WriteEndObject();
            }
            w.WriteEndObject();
            if (fit.LogLikelihood is { } ll) w.WriteNumber("logLikelihood", ll);
            else w.WriteNull("logLikelihood");
            if (fit.Convergence is { } c)
            {
                w.WriteStartObject("convergence");
                w.WriteBoolean("converged", c.Converged);
                w.WriteString("method", c.Method);
                w.WriteNumber("starts", c.Starts);
                w.WriteNumber("iterations", c.Iterations);
                if (c.GradientNorm is { } g && double.IsFinite(g)) w.WriteNumber("gradientNorm", g);
                else w.WriteNull("gradientNorm");
                w.WriteString("detail", c.Detail);
                w.WriteEndObject();
            }
            else w.WriteNull("convergence");
            if (fit.Failure is { } f)
            {
                w.WriteStartObject("notFitted");
                w.WriteString("reason", f.Reason.ToString());
                w.WriteString("message", f.Message);
                w.WriteEndObject();
            }
            else w.WriteNull("notFitted");
            if (intervals?.Invoke(fit, summaries) is { } shop)
            {
                w.WriteStartObject("forecast");
                w.WriteNumber("parameterDraws", shop.Draws);
                w.WriteString("note", shop.Note);
                w.WriteStartArray("purchases");
                foreach (var line in shop.Lines.Where(l => l.Measure == "purchases"))
                {
                    w.WriteStartObject();
                    w.WriteNumber("horizonDays", line.HorizonDays);
                    w.WriteNumber("predicted", line.Predicted);
                    w.WriteNumber("low", line.Low);
                    w.WriteNumber("high", line.High);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            else if (intervals is not null) w.WriteNull("forecast");
            w.WriteEndObject();
        }
        return (System.Text.Encoding.UTF8.GetString(buffer.ToArray()), fit.IsFitted);
    }
}
