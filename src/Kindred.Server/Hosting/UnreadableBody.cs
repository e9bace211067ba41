namespace Kindred.Server.Hosting;

/// <summary>
/// The one test for a request body that cannot be read because of what the client sent: a malformed multipart body or
/// one without its boundary (<see cref="InvalidDataException"/>, also thrown for a NUL character), a truncated one that
/// ends early (<see cref="IOException"/>), or one Kestrel refuses (<see cref="BadHttpRequestException"/>). Each reader
/// answers it with a 400 in its own words, never a 500 with a stack trace (found by the bad-input suite, ADR 46).
/// </summary>
public static class UnreadableBody
{
    public static bool Is(Exception e) => e is InvalidDataException or IOException or BadHttpRequestException;
}
