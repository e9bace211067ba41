namespace Kindred.Core.Common;

/// <summary>The media store did not answer (refused, timed out, or failed on its side): the request answers 503 and
/// the caller writes no row that would point at an object that may not exist.</summary>
public sealed class MediaStoreUnavailableException : Exception
{
    public MediaStoreUnavailableException()
        : base("The media store cannot be reached just now.")
    {
    }

    public MediaStoreUnavailableException(string message)
        : base(message)
    {
    }

    public MediaStoreUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
