using System.ComponentModel.DataAnnotations;

namespace Hookline.Storage;

public sealed class StorageOptions
{
    public const string Section = "Hookline:Storage";

    /// <summary><c>sqlite</c> (the default) or <c>postgres</c>.</summary>
    [RegularExpression("^(sqlite|postgres)$", ErrorMessage = "Hookline:Storage:Provider must be 'sqlite' or 'postgres'.")]
    public string Provider { get; set; } = "sqlite";

    /// <summary>The folder for the SQLite file and the generated admin key; relative to the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>For SQLite, defaults to <c>Data Source={DataDirectory}/hookline.db</c>; required for PostgreSQL.</summary>
    public string? ConnectionString { get; set; }

    public bool IsPostgres => string.Equals(Provider, "postgres", StringComparison.OrdinalIgnoreCase);
}
