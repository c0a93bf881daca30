using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Reflection.V1;
using Ogi.BuildingBlocks.Grpc.Server;

namespace Ogi.BuildingBlocks.Grpc.Reflection;

/// <summary>
/// grpc.reflection.v1 ServerReflectionInfo (doc/server-reflection.md): lists the mapped services and answers
/// files by name, by a symbol they define, or by an extension, each with its transitive dependencies, from
/// the descriptors compiled into the generated code.
/// </summary>
public sealed class ReflectionServiceV1(GrpcServiceRegistry registry) : ServerReflection.ServerReflectionBase
{
    public override async Task ServerReflectionInfo(IAsyncStreamReader<ServerReflectionRequest> requestStream, IServerStreamWriter<ServerReflectionResponse> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var index = new DescriptorIndex(registry.Descriptors);
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            await responseStream.WriteAsync(Answer(index, requestStream.Current), context.CancellationToken);
        }
    }

    internal ServerReflectionResponse Answer(DescriptorIndex index, ServerReflectionRequest request)
    {
        var response = new ServerReflectionResponse { ValidHost = request.Host, OriginalRequest = request };
        switch (request.MessageRequestCase)
        {
            case ServerReflectionRequest.MessageRequestOneofCase.ListServices:
                response.ListServicesResponse = new ListServiceResponse();
                response.ListServicesResponse.Service.AddRange(registry.ServiceNames.Order(StringComparer.Ordinal).Select(n => new ServiceResponse { Name = n }));
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileByFilename:
                Files(response, index.FileByName(request.FileByFilename), $"File '{request.FileByFilename}' not found.");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol:
                Files(response, index.FileBySymbol(request.FileContainingSymbol), $"Symbol '{request.FileContainingSymbol}' not found.");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingExtension:
                var extension = request.FileContainingExtension;
                Files(response, index.FileByExtension(extension.ContainingType, extension.ExtensionNumber), $"Extension {extension.ExtensionNumber} of '{extension.ContainingType}' not found.");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.AllExtensionNumbersOfType:
                if (index.ExtensionNumbers(request.AllExtensionNumbersOfType) is { } numbers)
                {
                    response.AllExtensionNumbersResponse = new ExtensionNumberResponse { BaseTypeName = request.AllExtensionNumbersOfType };
                    response.AllExtensionNumbersResponse.ExtensionNumber.AddRange(numbers);
                }
                else
                {
                    Error(response, StatusCode.NotFound, $"Type '{request.AllExtensionNumbersOfType}' not found.");
                }

                break;
            default:
                Error(response, StatusCode.InvalidArgument, "Request names no question (message_request is empty).");
                break;
        }

        return response;
    }

    /// <summary>The file first, then everything it imports, transitively, each once.</summary>
    private static void Files(ServerReflectionResponse response, FileDescriptor? file, string notFound)
    {
        if (file is null)
        {
            Error(response, StatusCode.NotFound, notFound);
            return;
        }

        response.FileDescriptorResponse = new FileDescriptorResponse();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<FileDescriptor>([file]);
        while (pending.TryDequeue(out var next))
        {
            if (!seen.Add(next.Name))
            {
                continue;
            }

            response.FileDescriptorResponse.FileDescriptorProto.Add(next.SerializedData);
            foreach (var dependency in next.Dependencies)
            {
                pending.Enqueue(dependency);
            }
        }
    }

    private static void Error(ServerReflectionResponse response, StatusCode code, string message) =>
        response.ErrorResponse = new ErrorResponse { ErrorCode = (int)code, ErrorMessage = message };
}

/// <summary>
/// grpc.reflection.v1alpha: the same protocol under its older package name, which many tools still ask first.
/// The messages are identical on the wire, so requests and responses are converted through their bytes.
/// </summary>
public sealed class ReflectionServiceV1Alpha(ReflectionServiceV1 v1, GrpcServiceRegistry registry)
    : global::Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionBase
{
    public override async Task ServerReflectionInfo(
        IAsyncStreamReader<global::Grpc.Reflection.V1Alpha.ServerReflectionRequest> requestStream,
        IServerStreamWriter<global::Grpc.Reflection.V1Alpha.ServerReflectionResponse> responseStream,
        ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var index = new DescriptorIndex(registry.Descriptors);
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var request = ServerReflectionRequest.Parser.ParseFrom(requestStream.Current.ToByteString());
            var answer = v1.Answer(index, request);
            await responseStream.WriteAsync(global::Grpc.Reflection.V1Alpha.ServerReflectionResponse.Parser.ParseFrom(answer.ToByteString()), context.CancellationToken);
        }
    }
}

/// <summary>Every file reachable from the mapped services, by file name and by the symbols and extensions they define.</summary>
internal sealed class DescriptorIndex
{
    private readonly Dictionary<string, FileDescriptor> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileDescriptor> _symbols = new(StringComparer.Ordinal);
    private readonly List<FieldDescriptor> _extensions = [];

    public DescriptorIndex(IEnumerable<ServiceDescriptor> services)
    {
        foreach (var service in services)
        {
            AddFile(service.File);
        }
    }

    public FileDescriptor? FileByName(string name) => _files.GetValueOrDefault(name);

    public FileDescriptor? FileBySymbol(string symbol) => _symbols.GetValueOrDefault(symbol.TrimStart('.'));

    public FileDescriptor? FileByExtension(string containingType, int number) =>
        _extensions.FirstOrDefault(e => e.ExtendeeType.FullName == containingType.TrimStart('.') && e.FieldNumber == number)?.File;

    public IEnumerable<int>? ExtensionNumbers(string type) =>
        _symbols.ContainsKey(type.TrimStart('.'))
            ? _extensions.Where(e => e.ExtendeeType.FullName == type.TrimStart('.')).Select(e => e.FieldNumber).Order().ToList()
            : null;

    private void AddFile(FileDescriptor file)
    {
        if (!_files.TryAdd(file.Name, file))
        {
            return;
        }

        foreach (var service in file.Services)
        {
            _symbols[service.FullName] = file;
            foreach (var method in service.Methods)
            {
                _symbols[method.FullName] = file;
            }
        }

        foreach (var message in file.MessageTypes)
        {
            AddMessage(message);
        }

        foreach (var enumType in file.EnumTypes)
        {
            _symbols[enumType.FullName] = file;
        }

        _extensions.AddRange(file.Extensions.UnorderedExtensions);
        foreach (var dependency in file.Dependencies)
        {
            AddFile(dependency);
        }
    }

    private void AddMessage(MessageDescriptor message)
    {
        _symbols[message.FullName] = message.File;
        foreach (var nested in message.NestedTypes)
        {
            AddMessage(nested);
        }

        foreach (var enumType in message.EnumTypes)
        {
            _symbols[enumType.FullName] = message.File;
        }

        _extensions.AddRange(message.Extensions.UnorderedExtensions);
    }
}
