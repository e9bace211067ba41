using Kindred.Data.Entities;

namespace Kindred.Core.Accounts;

/// <summary>An account created by setup, an admin or the command line: active and confirmed at once.</summary>
public sealed record NewUser(string Username, string Email, string Password, UserRole Role, string Locale = "en");
