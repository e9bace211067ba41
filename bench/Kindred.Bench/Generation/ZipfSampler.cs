namespace Kindred.Bench.Generation;

/// <summary>Draws indexes 0..n-1 with probability proportional to 1/(rank+1)^exponent, where each index's rank comes
/// from a seeded shuffle: a few very popular members, a long tail, and popularity not tied to sign-up order.</summary>
public sealed class ZipfSampler
{
    private readonly double[] cumulative;
    private readonly int[] indexOfRank;

    public ZipfSampler(int n, double exponent, Random random)
    {
        indexOfRank = Enumerable.Range(0, n).ToArray();
        random.Shuffle(indexOfRank);
        cumulative = new double[n];
        double total = 0;
        for (var rank = 0; rank < n; rank++)
        {
            total += 1.0 / Math.Pow(rank + 1, exponent);
            cumulative[rank] = total;
        }
    }

    public int Next(Random random)
    {
        var target = random.NextDouble() * cumulative[^1];
        var rank = Array.BinarySearch(cumulative, target);
        return indexOfRank[rank < 0 ? ~rank : rank];
    }
}
