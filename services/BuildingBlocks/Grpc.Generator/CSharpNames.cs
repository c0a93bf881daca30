using System.Text;
using Google.Protobuf.Reflection;

namespace Ogi.BuildingBlocks.Grpc.Generator;

/// <summary>
/// The C# names protoc's own C# generator gives to the files, namespaces and message classes of a
/// request, so the stubs we write refer to the classes it writes.
/// </summary>
internal sealed class CSharpNames
{
    private readonly Dictionary<string, string> _typeNames = new(StringComparer.Ordinal);

    public CSharpNames(IEnumerable<FileDescriptorProto> files)
    {
        foreach (var file in files)
        {
            var prefix = string.IsNullOrEmpty(file.Package) ? "." : "." + file.Package + ".";
            var scope = "global::" + (Namespace(file) is { Length: > 0 } ns ? ns + "." : "");
            foreach (var message in file.MessageType)
            {
                AddMessage(message, prefix, scope);
            }
        }
    }

    /// <summary>The C# class of a message, from its fully qualified proto name (".pkg.Outer.Inner").</summary>
    public string Type(string protoTypeName) =>
        _typeNames.TryGetValue(protoTypeName, out var name)
            ? name
            : throw new InvalidOperationException($"protoc-gen-ogigrpc: unknown message type {protoTypeName}");

    public static string Namespace(FileDescriptorProto file) =>
        file.Options?.HasCsharpNamespace == true ? file.Options.CsharpNamespace : ToPascalCase(file.Package, preservePeriod: true);

    /// <summary>protoc's reflection class: "error_details.proto" → ErrorDetailsReflection.</summary>
    public static string ReflectionClass(FileDescriptorProto file) => FileBase(file.Name) + "Reflection";

    /// <summary>The name Grpc.Tools expects for the stubs of "dir/my_file.proto": MyFileGrpc.cs.</summary>
    public static string GrpcFileName(string protoFile) => FileBase(protoFile) + "Grpc.cs";

    private static string FileBase(string protoFile)
    {
        var name = protoFile[(protoFile.LastIndexOf('/') + 1)..];
        if (name.EndsWith(".proto", StringComparison.Ordinal))
        {
            name = name[..^".proto".Length];
        }

        return ToPascalCase(name, preservePeriod: false);
    }

    private void AddMessage(DescriptorProto message, string protoPrefix, string csharpScope)
    {
        var protoName = protoPrefix + message.Name;
        var csharpName = csharpScope + message.Name;
        _typeNames[protoName] = csharpName;
        foreach (var nested in message.NestedType)
        {
            AddMessage(nested, protoName + ".", csharpName + ".Types.");
        }
    }

    /// <summary>protoc's rule: letters after a non-letter are capitalised, digits also start a new word, separators are dropped.</summary>
    public static string ToPascalCase(string input, bool preservePeriod)
    {
        var result = new StringBuilder(input.Length);
        var capitalizeNext = true;
        foreach (var c in input)
        {
            if (c is >= 'a' and <= 'z')
            {
                result.Append(capitalizeNext ? char.ToUpperInvariant(c) : c);
                capitalizeNext = false;
            }
            else if (c is >= 'A' and <= 'Z')
            {
                result.Append(c);
                capitalizeNext = false;
            }
            else if (c is >= '0' and <= '9')
            {
                result.Append(c);
                capitalizeNext = true;
            }
            else
            {
                capitalizeNext = true;
                if (c == '.' && preservePeriod)
                {
                    result.Append('.');
                }
            }
        }

        return result.ToString();
    }
}
