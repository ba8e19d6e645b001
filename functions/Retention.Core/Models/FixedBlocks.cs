namespace Retention.Core.Models;

/// <summary>
/// The indexes 0 … <see cref="Count"/> − 1 in blocks of <see cref="Size"/>, run on the machine's cores. The blocks depend on
/// the count alone, so sums kept per block and added in block order are the same to the last bit however the blocks were
/// scheduled, and a count of one block runs on the calling thread as a plain loop would. The models' sums over a shop's
/// distinct summaries and their per-summary terms use it.
/// </summary>
internal readonly record struct FixedBlocks(int Count, int Size)
{
    /// <summary>At least one (an empty block when <see cref="Count"/> is 0), so a caller's per-block sums always exist.</summary>
    public int Blocks => Math.Max(1, (Count + Size - 1) / Size);

    /// <summary>Runs <paramref name="block"/>(block, from, to) once per block, to exclusive.</summary>
    public void Run(Action<int, int, int> block)
    {
        if (Blocks == 1)
        {
            block(0, 0, Count);
            return;
        }
        var (count, size) = (Count, Size);
        Parallel.For(0, Blocks, b => block(b, b * size, Math.Min(count, (b + 1) * size)));
    }

    /// <summary>Runs <paramref name="index"/> once per index, each block's in order: for work written to the index's own place.</summary>
    public void Each(Action<int> index) => Run((_, from, to) =>
    {
        for (var i = from; i < to; i++) index(i);
    });

    /// <summary>
    /// A log-likelihood and its four derivatives summed per block — <paramref name="sums"/>[5b] the block's value,
    /// [5b + 1 + j] its j-th derivative — added up in block order, so the same to the last bit however the blocks ran.
    /// </summary>
    /// <param name="gradient">the four derivatives' totals; empty when they were not summed.</param>
    /// <returns>the value's total.</returns>
    public double AddUp(double[] sums, Span<double> gradient)
    {
        if (!gradient.IsEmpty && gradient.Length != 4) throw new ArgumentException("four derivatives, or none", nameof(gradient));
        double total = 0;
        for (var block = 0; block < Blocks; block++) total += sums[block * 5];
        for (var j = 0; j < gradient.Length; j++)
        {
            double g = 0;
            for (var block = 0; block < Blocks; block++) g += sums[block * 5 + 1 + j];
            gradient[j] = g;
        }
        return total;
    }
}
