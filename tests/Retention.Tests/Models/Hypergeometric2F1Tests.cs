using Retention.Core.Models;

namespace Retention.Tests.Models;

public class Hypergeometric2F1Tests
{
    /// <summary>Reference values from mpmath's hyp2f1 at 30 digits; closed forms where there is one (noted).</summary>
    [Theory]
    [InlineData(1, 1, 2, 0.5, 1.3862943611198906)]              // −ln(1−z)/z
    [InlineData(1, 1, 2, 0.95, 3.1534023932147266)]             // the same near 1, c − a − b = 0 (an integer)
    [InlineData(1, 1, 2, 0.9999999, 16.118097263294401)]
    [InlineData(1, 1, 2, -0.5, 0.81093021621632876)]            // ln(1 − z)/(−z), negative z
    [InlineData(1, 1, 2, -3, 0.46209812037329687)]              // z < −1
    [InlineData(0.5, 2, 2, 0.99, 9.9999999999999956)]           // (1 − z)^−a
    [InlineData(0.5, 0.5, 1.5, 0.9801, 1.4436937913843124)]     // arcsin(√z)/√z
    [InlineData(1, 1, 3, 1, 2.0)]                               // Gauss's sum at z = 1
    [InlineData(-2, 3, 4, -5, 23.5)]                            // a polynomial: 1 − 1.5z + 0.6z²
    [InlineData(3.2425945, 5.4258881, 5.218808, 0.6150100109673788, 25.4272917147871)] // a BG/NBD CDNOW term (x = 3)
    [InlineData(0.2425945, 2.4258881, 2.218808, 0.999, 11.062300080517156)]            // a BG/NBD term of a brand-new customer, long horizon
    [InlineData(1.5, 2.5, 4.0, 0.9999, 37.277177715461193)]     // c − a − b = 0 near 1
    [InlineData(1.5, 2.5, 3.0, 0.97, 53.033545887740865)]       // c − a − b = −1
    [InlineData(3.3, 1.7, 2.1, -0.95, 0.17667111029470562)]
    [InlineData(3.3, 1.7, 2.1, -20, 0.001051268449309233)]
    [InlineData(6.1594999999999995, 1.6061, 7.1594999999999995, 0.96, 38.983261252767922)] // a Pareto/NBD A₀ term
    [InlineData(2, 3, 4.5, 0.999999, 10273.428067300168)]
    [InlineData(10.5, 20.25, 12.0, 0.95, 1.092398940378462e+24)]
    [InlineData(0.3, 0.7, -1.5, 0.5, 1.7215961906277306)]       // negative, non-integer c
    public void Known_values(double a, double b, double c, double z, double expected)
    {
        var value = Hypergeometric2F1.Value(a, b, c, z);
        Assert.True(Math.Abs(value - expected) <= 1e-9 * Math.Abs(expected), $"2F1({a}, {b}; {c}; {z}) = {value}, expected {expected}");
    }

    [Fact]
    public void Never_NaN_over_the_ranges_the_models_use()
    {
        var random = new Random(7);
        for (var i = 0; i < 20_000; i++)
        {
            double a = 0.01 + 30 * random.NextDouble(), b = 0.01 + 30 * random.NextDouble(), c = 0.01 + 30 * random.NextDouble();
            var z = random.Next(4) switch
            {
                0 => 1 - Math.Pow(10, -1 - 7 * random.NextDouble()), // just below 1
                1 => -50 * random.NextDouble(),
                _ => random.NextDouble(),
            };
            double value;
            try
            {
                value = Hypergeometric2F1.Value(a, b, c, z);
            }
            catch (ArithmeticException)
            {
                continue; // a value beyond a double's range is reported, never returned as NaN
            }
            Assert.False(double.IsNaN(value), $"2F1({a}, {b}; {c}; {z}) is NaN");
            if (a > 0 && b > 0 && c > 0 && z >= 0) Assert.True(value >= 1, $"2F1({a}, {b}; {c}; {z}) = {value} < 1 with positive terms");
        }
    }

    [Fact]
    public void Undefined_arguments_throw_instead_of_returning_nonsense()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Hypergeometric2F1.Value(1, 1, 2, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Hypergeometric2F1.Value(1, 1, -2, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Hypergeometric2F1.Value(1, double.NaN, 2, 0.5));
        Assert.Equal(double.PositiveInfinity, Hypergeometric2F1.Value(1, 1, 2, 1));
    }
}
