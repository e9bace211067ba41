namespace Kindred.Server.Web.Events;

/// <summary>The repeat choices the form offers; the form turns them into an RRULE so nobody has to write one.</summary>
public enum EventRepeat
{
    None = 0,
    Weekly = 1,
    Monthly = 2,
}
