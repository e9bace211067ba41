namespace Kindred.Core.Accounts;

/// <summary>The payload of the application alert job (Core/Staff): who applied, and the server's address for the link.</summary>
public sealed record ApplicationAlert(long UserId, string BaseUrl);
