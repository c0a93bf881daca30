using Google.Protobuf;
using Google.Protobuf.Compiler;
using Ogi.BuildingBlocks.Grpc.Generator;

// protoc plugin protocol: one CodeGeneratorRequest on stdin, one CodeGeneratorResponse on stdout.
using var stdin = Console.OpenStandardInput();
var request = CodeGeneratorRequest.Parser.ParseFrom(stdin);
var response = new CodeGeneratorResponse
{
    SupportedFeatures = (ulong)CodeGeneratorResponse.Types.Feature.Proto3Optional,
};
try
{
    var names = new CSharpNames(request.ProtoFile);
    foreach (var fileName in request.FileToGenerate)
    {
        var file = request.ProtoFile.Single(f => f.Name == fileName);
        if (file.Service.Count == 0)
        {
            continue; // Grpc.Tools creates the empty file it expects.
        }

        response.File.Add(new CodeGeneratorResponse.Types.File
        {
            Name = CSharpNames.GrpcFileName(file.Name),
            Content = new ServiceWriter(names, file, ParseOptions(request.Parameter)).Write(),
        });
    }
}
catch (InvalidOperationException e)
{
    response.Error = e.Message;
}

using var stdout = Console.OpenStandardOutput();
response.WriteTo(stdout);

static GeneratorOptions ParseOptions(string parameter)
{
    var flags = parameter.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    return new GeneratorOptions(
        Server: !flags.Contains("no_server"),
        Client: !flags.Contains("no_client"),
        Internal: flags.Contains("internal_access"));
}
