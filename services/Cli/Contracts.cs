using System.Reflection;
using Google.Protobuf.Reflection;

namespace Ogi.Cli;

/// <summary>Every message of the platform's contracts, so Any payloads (decision events) print and format as JSON.</summary>
internal static class Contracts
{
    public static readonly IReadOnlyList<FileDescriptor> Files = Load();

    public static readonly TypeRegistry Registry = TypeRegistry.FromFiles(Files.ToArray());

    private static List<FileDescriptor> Load() =>
        typeof(Ogi.Contracts.Common.V1.Access).Assembly.GetTypes()
            .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static))
            .Where(p => p?.PropertyType == typeof(FileDescriptor))
            .Select(p => (FileDescriptor)p!.GetValue(null)!)
            .ToList();
}
