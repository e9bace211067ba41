using Kindred.Data.Entities;

namespace Kindred.Core.Demo;

/// <summary>A planned demo member. <see cref="Invitation"/> is the key of the invitation they signed up with.</summary>
internal sealed record DemoPerson(
    int Index,
    string Username,
    string DisplayName,
    bool French,
    int Area,
    double Latitude,
    double Longitude,
    string[] Interests,
    string[] Skills,
    string Bio,
    DateTime JoinedAt,
    UserRole Role)
{
    public int? Invitation { get; set; }
}
