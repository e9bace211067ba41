using Kindred.Core.Jobs;
using Kindred.Data.Entities;
using Microsoft.Extensions.Options;

namespace Kindred.Core.Notifications;

/// <summary>Looks for instant e-mails to send every Kindred:InstantEmail:CheckSeconds while Kindred:InstantEmail:Enabled;
/// what goes in a mail and to whom is <see cref="InstantEmailService.RunAsync"/>.</summary>
public sealed class InstantEmailJob(InstantEmailService emails, IOptions<InstantEmailOptions> options, TimeProvider time) : IJobHandler
{
    public const string Name = "instant-email.scan";

    public string Kind => Name;

    public TimeSpan? Every => TimeSpan.FromSeconds(Math.Max(1, options.Value.CheckSeconds));

    public bool Enabled => options.Value.Enabled;

    public Task<int> RunAsync(Job job, CancellationToken ct) => emails.RunAsync(time.GetUtcNow().UtcDateTime, ct);
}
