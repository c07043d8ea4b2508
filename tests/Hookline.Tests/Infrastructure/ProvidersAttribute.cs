using System.Reflection;
using Xunit.Sdk;

namespace Hookline.Tests.Infrastructure;

/// <summary>Runs a theory once on SQLite and once on PostgreSQL; the theory takes the provider name.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ProvidersAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[Databases.Sqlite], [Databases.Postgres]];
}
