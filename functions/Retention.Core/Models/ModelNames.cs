namespace Retention.Core.Models;

/// <summary>
/// The name of each model, as it is chosen on the command line (<c>--model</c>), stored in a snapshot
/// (<c>ForecastModel</c>, the model report's rows) and compared by the chooser: one constant each, so that a name
/// written in one place and read in another cannot drift apart.
/// </summary>
public static class ModelNames
{
    /// <summary>BG/NBD, <see cref="BgNbdModel"/>.</summary>
    public const string BgNbd = "bgnbd";

    /// <summary>MBG/NBD, <see cref="MbgNbdModel"/>.</summary>
    public const string MbgNbd = "mbgnbd";

    /// <summary>Pareto/NBD, <see cref="ParetoNbdModel"/>.</summary>
    public const string ParetoNbd = "paretonbd";

    /// <summary>Gamma-Gamma spend, <see cref="GammaGammaModel"/>.</summary>
    public const string GammaGamma = "gammagamma";
}
