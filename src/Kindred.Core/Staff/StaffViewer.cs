using Kindred.Data.Entities;

namespace Kindred.Core.Staff;

/// <summary>Who is looking at the staff pages, read from the database on each request rather than from the cookie, so a
/// role taken away or a lead appointment withdrawn counts at once.</summary>
public sealed record StaffViewer(long Id, UserRole Role, bool IsLead);
