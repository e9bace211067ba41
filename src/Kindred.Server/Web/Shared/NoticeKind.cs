namespace Kindred.Server.Web.Shared;

/// <summary>What a <c>&lt;Notice&gt;</c> tells: its CSS class and, by default, its ARIA role.</summary>
public enum NoticeKind
{
    /// <summary>Plain information (class "notice", role status).</summary>
    Info,

    /// <summary>Something the reader did worked (class "notice success", role status).</summary>
    Success,

    /// <summary>Something to be careful about (class "notice warning", role status).</summary>
    Warning,

    /// <summary>Something went wrong or is refused (class "notice error", role alert).</summary>
    Error,
}
