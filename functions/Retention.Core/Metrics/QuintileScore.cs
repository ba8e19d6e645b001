namespace Retention.Core.Metrics;

/// <summary>
/// Scores 1–5 by the shop's own quintiles: a value's score is 1 + ⌊5 × (customers with a strictly lower value) / n⌋.
/// Equal values always get the same score (that of the first of them in order), the lowest value always gets 1,
/// and a value shared by many customers does not spill over into several scores as ntile-style cuts would.
/// </summary>
internal static class QuintileScore
{
    /// <summary>For whole numbers with a small range (days, order counts): a histogram instead of a sort.</summary>
    public static byte[] Of(int[] values)
    {
        var n = values.Length;
        var scores = new byte[n];
        if (n == 0) return scores;
        int min = values.Min(), max = values.Max();
        var below = new int[max - min + 2];
        foreach (var v in values) below[v - min + 1]++;
        for (var v = 1; v < below.Length; v++) below[v] += below[v - 1];
        for (var i = 0; i < n; i++) scores[i] = Score(below[values[i] - min], n);
        return scores;
    }

    /// <summary>For values already ranked: <paramref name="ascending"/> lists the indexes in ascending order of value.</summary>
    public static byte[] Of(decimal[] values, int[] ascending)
    {
        var n = values.Length;
        var scores = new byte[n];
        var below = 0;
        for (var p = 0; p < n; p++)
        {
            // Walking up the ranking, "strictly lower" only moves on where the value changes.
            if (p > 0 && values[ascending[p]] != values[ascending[p - 1]]) below = p;
            scores[ascending[p]] = Score(below, n);
        }
        return scores;
    }

    private static byte Score(int below, int n) => (byte)(1 + 5L * below / n);
}
