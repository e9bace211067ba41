using System.Text;

namespace Kindred.IntegrationTests.Hosting.BadInput;

/// <summary>What a run sent and what went wrong, grouped so one run shows every distinct failure.</summary>
public sealed class BadInputReport(int operations, int perOperation)
{
    private readonly SortedDictionary<int, int> statuses = [];

    public List<(BadCase Case, string Problem)> Failures { get; } = [];

    public int Sent { get; private set; }

    public void Count(int status)
    {
        Sent++;
        statuses[status] = statuses.GetValueOrDefault(status) + 1;
    }

    public void Fail(BadCase bad, string problem) => Failures.Add((bad, problem));

    public string Summary() =>
        $"Bad input: {operations} operations x {perOperation} inputs, {Sent} answered; statuses {string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}"))}; {Failures.Count} failures";

    public string Describe()
    {
        var text = new StringBuilder(Summary()).AppendLine();
        foreach (var group in Failures.GroupBy(f => f.Case.Method + " " + f.Case.Url.Split('?')[0] + " " + f.Problem[..Math.Min(f.Problem.Length, 60)]).Take(60))
        {
            var (bad, problem) = group.First();
            text.AppendLine($"- {problem} (x{group.Count()}) for {bad}");
        }
        return text.ToString();
    }
}
