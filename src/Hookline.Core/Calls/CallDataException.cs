namespace Hookline.Core.Calls;

/// <summary>Call data in the wrong shape; <see cref="Field"/> names the offending key.</summary>
public sealed class CallDataException : Exception
{
    public CallDataException()
        : this("call", "The call data is not valid.")
    {
    }

    public CallDataException(string message)
        : this("call", message)
    {
    }

    public CallDataException(string message, Exception innerException)
        : base(message, innerException) => Field = "call";

    public CallDataException(string field, string message)
        : base(message) => Field = field;

    /// <summary>The key of the call object that is wrong, or <c>call</c> for the object itself.</summary>
    public string Field { get; }
}
