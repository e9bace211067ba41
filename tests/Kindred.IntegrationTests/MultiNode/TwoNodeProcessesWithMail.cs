using System.Globalization;

namespace Kindred.IntegrationTests.MultiNode;

/// <summary>
/// Two node processes that send mail to a held <see cref="SmtpStub"/> and give up a dead node's job claims after 5 s
/// instead of 300, so a test can kill a node mid-job and watch the other finish it.
/// </summary>
public sealed class TwoNodeProcessesWithMail : NodeProcesses
{
    public const int ClaimSeconds = 5;

    public SmtpStub Smtp { get; } = new();

    protected override int NodeCount => 2;

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["Kindred__Jobs__ClaimSeconds"] = ClaimSeconds.ToString(CultureInfo.InvariantCulture),
        ["Kindred__Jobs__PollSeconds"] = "0.5",
        ["Kindred__Smtp__Host"] = "127.0.0.1",
        ["Kindred__Smtp__Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Smtp.Dispose();
    }
}
