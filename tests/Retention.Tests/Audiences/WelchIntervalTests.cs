using MathNet.Numerics.Distributions;
using Retention.Core.Audiences.Uplift;

namespace Retention.Tests.Audiences;

public class WelchIntervalTests
{
    private static readonly decimal[] Treated = [0m, 0m, 10m, 25.50m, 40m, 0m, 12.25m, 0m];
    private static readonly decimal[] Control = [0m, 5m, 0m, 8m, 0m];

    [Fact]
    public void The_interval_is_welchs_t_worked_by_hand()
    {
        // By hand: means 87.75 / 8 = 10.96875 and 13 / 5 = 2.6; sample variances (n − 1) of the squares about them.
        var meanT = 87.75 / 8;
        var meanC = 13.0 / 5;
        var varianceT = Treated.Sum(x => ((double)x - meanT) * ((double)x - meanT)) / 7;
        var varianceC = Control.Sum(x => ((double)x - meanC) * ((double)x - meanC)) / 4;
        Assert.Equal(219.686384, varianceT, 0.000001);
        Assert.Equal(13.8, varianceC, 1e-9);
        var se = Math.Sqrt(varianceT / 8 + varianceC / 5);
        var freedom = Math.Pow(varianceT / 8 + varianceC / 5, 2) / (Math.Pow(varianceT / 8, 2) / 7 + Math.Pow(varianceC / 5, 2) / 4);
        var t = StudentT.InvCDF(0, 1, freedom, 0.975);

        var welch = WelchInterval.Of(Treated, Control)!;
        Assert.Equal(meanT - meanC, welch.Difference, 1e-12);
        Assert.Equal(se, welch.StandardError, 1e-12);
        Assert.Equal(freedom, welch.DegreesOfFreedom, 1e-9);
        Assert.Equal(meanT - meanC - t * se, welch.Low, 1e-9);
        Assert.Equal(meanT - meanC + t * se, welch.High, 1e-9);
        // The same interval computed independently (Python, standard library, t quantile by integrating the density):
        // ν = 8.330542, t = 2.290174, 8.36875 ± 12.589877 → −4.221127 to 20.958627.
        Assert.Equal(8.330542, welch.DegreesOfFreedom, 0.000001);
        Assert.Equal(-4.221127, welch.Low, 0.000001);
        Assert.Equal(20.958627, welch.High, 0.000001);
    }

    [Fact]
    public void The_t_quantile_is_the_tables()
    {
        // Student's t, 97.5th percentile, 10 and 30 degrees of freedom, as every table prints it.
        Assert.Equal(2.228139, StudentT.InvCDF(0, 1, 10, 0.975), 0.000001);
        Assert.Equal(2.042272, StudentT.InvCDF(0, 1, 30, 0.975), 0.000001);
    }

    [Fact]
    public void Without_spread_the_interval_is_the_difference_and_without_two_values_there_is_none()
    {
        var flat = WelchInterval.Of([5m, 5m, 5m], [2m, 2m])!;
        Assert.Equal(new WelchInterval(3, 0, double.PositiveInfinity, 3, 3), flat);
        Assert.Null(WelchInterval.Of([5m], [2m, 3m]));
        Assert.Null(WelchInterval.Of([5m, 6m], []));
    }
}
