using Kindred.Core.Common.Email;
using Microsoft.AspNetCore.DataProtection;

namespace Kindred.Core.Notifications;

/// <summary>The token in an instant e-mail's unsubscribe link (ADR 82); it can only turn instant e-mails off.</summary>
public sealed class InstantEmailTokens(IDataProtectionProvider provider) : UnsubscribeTokens(provider, "Kindred.InstantEmail.Unsubscribe.v1");
