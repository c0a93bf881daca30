namespace Ogi.BuildingBlocks.EmbeddedPostgres;

/// <summary>The checkout's top folder (the one holding Microservices.sln), found from the running binary.</summary>
public static class RepositoryRoot
{
    public static string Find(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Microservices.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Microservices.sln not found above " + (start ?? AppContext.BaseDirectory));
    }

    /// <summary>Build output folder for runtime state (clusters, logs); ignored by git.</summary>
    public static string BuildDirectory(params string[] parts) => Path.Combine([Find(), ".build", .. parts]);
}
