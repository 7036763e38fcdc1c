using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ServiceCulture.Data;

/// <summary>
/// On PostgreSQL, writes a query's row limit into its text (<c>LIMIT 21</c>) where EF Core sends it
/// as a parameter (<c>LIMIT $5</c>). A prepared statement is planned for its parameters' values
/// until the server finds a plan that does for any of them; with the limit unknown, that plan must
/// allow for a tenth of the table, so the server never took it and planned the feed's and the
/// profile's queries again on every request (about 0.9 ms each at scale M). Pages ask for a few
/// fixed limits, so each stays one prepared statement. Offsets keep their parameter: they vary.
/// </summary>
public sealed partial class PostgreSqlRowLimits : DbCommandInterceptor
{
    public static readonly PostgreSqlRowLimits Instance = new();

    [GeneratedRegex(@"\bLIMIT @(\w+)", RegexOptions.CultureInvariant)]
    private static partial Regex LimitParameter();

    [GeneratedRegex(@"@(\w+)", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterReference();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Inline(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Inline(command);
        return ValueTask.FromResult(result);
    }

    /// <summary>Each <c>LIMIT @name</c> whose parameter holds a whole number becomes that number; a parameter used nowhere else then goes.</summary>
    public static void Inline(DbCommand command)
    {
        var text = command.CommandText;
        if (!text.Contains("LIMIT @", StringComparison.Ordinal))
        {
            return;
        }

        HashSet<string> inlined = [];
        text = LimitParameter().Replace(text, match =>
        {
            var name = match.Groups[1].Value;
            if (!command.Parameters.Contains(name) || command.Parameters[name].Value is not int rows)
            {
                return match.Value;
            }

            inlined.Add(name);
            return "LIMIT " + rows.ToString(CultureInfo.InvariantCulture);
        });
        command.CommandText = text;
        if (inlined.Count == 0)
        {
            return;
        }

        var stillUsed = ParameterReference().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        foreach (var name in inlined.Where(name => !stillUsed.Contains(name)))
        {
            command.Parameters.RemoveAt(name);
        }
    }
}
