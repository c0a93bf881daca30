using System.Buffers;
using System.Runtime.InteropServices;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Ogi.BuildingBlocks.Grpc;

/// <summary>The four kinds of call gRPC has, by whether each side streams.</summary>
public enum MethodType
{
    Unary,
    ClientStreaming,
    ServerStreaming,
    DuplexStreaming,
}

/// <summary>A method without its message types: what routing, telemetry and interceptors need.</summary>
public interface IMethod
{
    MethodType Type { get; }

    /// <summary>Fully qualified service name: "ogi.intake.v1.IntakeService".</summary>
    string ServiceName { get; }

    string Name { get; }

    /// <summary>The HTTP/2 :path of the method: "/ogi.intake.v1.IntakeService/Submit".</summary>
    string FullName { get; }
}

/// <summary>A method of a service with how its request and response messages are (de)serialized.</summary>
public sealed class Method<TRequest, TResponse>(
    MethodType type, string serviceName, string name, Marshaller<TRequest> requestMarshaller, Marshaller<TResponse> responseMarshaller)
    : IMethod
{
    public MethodType Type { get; } = type;

    public string ServiceName { get; } = serviceName;

    public string Name { get; } = name;

    public string FullName { get; } = "/" + serviceName + "/" + name;

    public Marshaller<TRequest> RequestMarshaller { get; } = requestMarshaller;

    public Marshaller<TResponse> ResponseMarshaller { get; } = responseMarshaller;
}

/// <summary>
/// Turns messages into bytes and back. Protobuf messages use <see cref="Marshallers.ForMessage{T}"/>, which
/// writes straight into the response buffer; anything else can use a pair of byte-array functions.
/// </summary>
public sealed class Marshaller<T>
{
    private readonly Func<T, int> _measure;
    private readonly Action<T, Span<byte>> _write;
    private readonly Func<ReadOnlySequence<byte>, T> _parse;

    public Marshaller(Func<T, byte[]> serializer, Func<byte[], T> deserializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        ArgumentNullException.ThrowIfNull(deserializer);
        Serializer = serializer;
        Deserializer = deserializer;
        // The byte-array shape serializes twice (measure, then write); acceptable for non-protobuf payloads.
        _measure = value => serializer(value).Length;
        _write = (value, destination) => serializer(value).CopyTo(destination);
        _parse = bytes => deserializer(bytes.ToArray());
    }

    internal Marshaller(Func<T, int> measure, Action<T, Span<byte>> write, Func<ReadOnlySequence<byte>, T> parse)
    {
        _measure = measure;
        _write = write;
        _parse = parse;
        Serializer = value =>
        {
            var bytes = new byte[measure(value)];
            write(value, bytes);
            return bytes;
        };
        Deserializer = bytes => parse(new ReadOnlySequence<byte>(bytes));
    }

    public Func<T, byte[]> Serializer { get; }

    public Func<byte[], T> Deserializer { get; }

    /// <summary>The serialized size; must be called before <see cref="Write"/> (protobuf caches sizes).</summary>
    internal int Measure(T value) => _measure(value);

    internal void Write(T value, Span<byte> destination) => _write(value, destination);

    internal T Parse(in ReadOnlySequence<byte> bytes) => _parse(bytes);
}

public static class Marshallers
{
    /// <summary>The marshaller of a protobuf message type; generated code uses this for every message.</summary>
    public static Marshaller<T> ForMessage<T>(MessageParser<T> parser)
        where T : IMessage<T>
    {
        ArgumentNullException.ThrowIfNull(parser);
        if (NestsPreBufferMessages(parser.ParseFrom([]).Descriptor, []))
        {
            // google.type.Date and the other types of Google.Api.CommonProtos 2.0.0 predate IBufferMessage: protobuf
            // refuses them inside span-based reading and writing, but handles them through its coded streams.
            return new Marshaller<T>(
                message => message.CalculateSize(),
                (message, destination) => message.ToByteArray().CopyTo(destination),
                bytes => bytes.IsSingleSegment && MemoryMarshal.TryGetArray(bytes.First, out var segment)
                    ? parser.ParseFrom(segment.Array!, segment.Offset, segment.Count)
                    : parser.ParseFrom(bytes.ToArray()));
        }

        return new Marshaller<T>(
            message => message.CalculateSize(),
            (message, destination) => message.WriteTo(destination),
            bytes => parser.ParseFrom(bytes));
    }

    private static bool NestsPreBufferMessages(MessageDescriptor message, HashSet<string> seen)
    {
        if (!seen.Add(message.FullName))
        {
            return false;
        }

        // Map entries have no CLR type of their own; their value type is checked through their fields.
        return message.Fields.InDeclarationOrder()
            .Where(f => f.FieldType is FieldType.Message or FieldType.Group)
            .Select(f => f.MessageType)
            .Any(nested => (nested.ClrType is { } type && !typeof(IBufferMessage).IsAssignableFrom(type)) || NestsPreBufferMessages(nested, seen));
    }

    public static Marshaller<T> Create<T>(Func<T, byte[]> serializer, Func<byte[], T> deserializer) => new(serializer, deserializer);
}
