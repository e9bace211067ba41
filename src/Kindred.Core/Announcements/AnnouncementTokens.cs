using Kindred.Core.Common.Email;
using Microsoft.AspNetCore.DataProtection;

namespace Kindred.Core.Announcements;

/// <summary>The token in an announcement mail's unsubscribe link: the digests' mechanism under a purpose of its own,
/// so it can only turn announcement e-mails off, and a digest token cannot (ADR 61).</summary>
public sealed class AnnouncementTokens(IDataProtectionProvider provider) : UnsubscribeTokens(provider, "Kindred.Announcements.Unsubscribe.v1");
