namespace Ogi.BuildingBlocks.EmbeddedPostgres;

public sealed record EmbeddedPostgresOptions
{
    /// <summary>Folder under the build output that holds the clusters (one subfolder each).</summary>
    public required string RootDirectory { get; init; }

    /// <summary>Prefix of the cluster's folder name, to tell runs apart.</summary>
    public string Name { get; init; } = "ogi";

    /// <summary>Full durability (make run) or fsync off (tests).</summary>
    public bool Durable { get; init; } = true;

    /// <summary>Where progress lines go; nothing when null.</summary>
    public TextWriter? Log { get; init; }
}
