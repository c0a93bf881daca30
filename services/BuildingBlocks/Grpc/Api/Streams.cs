using System.Runtime.CompilerServices;

namespace Ogi.BuildingBlocks.Grpc;

/// <summary>Messages arriving on a stream, one at a time.</summary>
public interface IAsyncStreamReader<out T>
{
    T Current { get; }

    /// <summary>Advances to the next message; false when the peer has finished sending.</summary>
    Task<bool> MoveNext(CancellationToken cancellationToken);
}

/// <summary>Sends messages on a stream. One write at a time: await each before the next.</summary>
public interface IAsyncStreamWriter<in T>
{
    Task WriteAsync(T message);

    Task WriteAsync(T message, CancellationToken cancellationToken);
}

/// <summary>The server's side of a response stream.</summary>
public interface IServerStreamWriter<in T> : IAsyncStreamWriter<T>;

/// <summary>The client's side of a request stream; <see cref="CompleteAsync"/> ends it (half-close).</summary>
public interface IClientStreamWriter<in T> : IAsyncStreamWriter<T>
{
    Task CompleteAsync();
}

public static class AsyncStreamReaderExtensions
{
    /// <summary>Reads every remaining message: <c>await foreach (var m in reader.ReadAllAsync(ct))</c>.</summary>
    public static async IAsyncEnumerable<T> ReadAllAsync<T>(this IAsyncStreamReader<T> reader, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        while (await reader.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            yield return reader.Current;
        }
    }
}
