using System.Text;

namespace ServiceCulture.People.Import;

/// <summary>One line of a people file as written, before it is checked.</summary>
public sealed record CsvPerson(int Line, string Name, string Email, string Team, string ManagerEmail, string Role, string TimeZone, string JobTitle);

/// <summary>The file as read: its people, or why it cannot be read at all.</summary>
public sealed record CsvReadResult(IReadOnlyList<CsvPerson> People, string? Error);

/// <summary>
/// Reads a people file: a header row naming the seven columns in any order, UTF-8 with or without a
/// byte order mark, separated by commas or semicolons, fields quoted the usual way.
/// </summary>
public static class PeopleCsv
{
    public const long MaxBytes = 5 * 1024 * 1024;
    public const int MaxRows = 20_000;

    public static readonly IReadOnlyList<string> Columns = ["name", "email", "team", "manager email", "role", "time zone", "job title"];

    public static CsvReadResult Read(byte[] bytes)
    {
        if (bytes.LongLength > MaxBytes)
        {
            return Fail($"The file is larger than {MaxBytes / 1024 / 1024} MB. Split it, or leave out columns the portal does not use.");
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Fail("The file is not UTF-8 text. In your spreadsheet choose “Save as… CSV UTF-8” and upload it again.");
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return Fail("The file is not a text file. Upload a CSV file saved from a spreadsheet.");
        }

        var firstLine = text.Split('\n', 2)[0];
        var separator = firstLine.Count(c => c == ';') > firstLine.Count(c => c == ',') ? ';' : ',';
        var records = Split(text, separator);
        if (records.Count == 0)
        {
            return Fail("The file is empty. The first row names the columns: " + string.Join(", ", Columns) + ".");
        }

        var header = records[0].Fields.Select(Normalise).ToList();
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            positions.TryAdd(header[i], i);
        }

        var missing = Columns.Where(c => !positions.ContainsKey(Normalise(c))).ToList();
        if (missing.Count > 0)
        {
            var unknown = records[0].Fields.Where(f => !Columns.Select(Normalise).Contains(Normalise(f)) && f.Trim().Length > 0).ToList();
            return Fail($"The header row lacks the column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Select(m => $"“{m}”"))}."
                + (unknown.Count > 0 ? $" It has columns the portal does not know: {string.Join(", ", unknown.Select(u => $"“{u}”"))}." : "")
                + " The first row must name: " + string.Join(", ", Columns) + ".");
        }

        if (records.Count - 1 > MaxRows)
        {
            return Fail($"The file has {records.Count - 1:N0} rows; import at most {MaxRows:N0} at a time.");
        }

        string Cell(CsvRecord record, string column) =>
            positions[Normalise(column)] is var p && p < record.Fields.Count ? record.Fields[p].Trim() : "";
        var people = records.Skip(1)
            .Where(r => r.Fields.Any(f => f.Trim().Length > 0))
            .Select(r => new CsvPerson(r.Line, Cell(r, "name"), Cell(r, "email"), Cell(r, "team"), Cell(r, "manager email"), Cell(r, "role"), Cell(r, "time zone"), Cell(r, "job title")))
            .ToList();
        return people.Count == 0 ? Fail("The file has a header row but no people under it.") : new CsvReadResult(people, null);
    }

    private static string Normalise(string column) =>
        new(column.Trim().ToLowerInvariant().Where(char.IsLetter).ToArray());

    private static CsvReadResult Fail(string error) => new([], error);

    private sealed record CsvRecord(int Line, List<string> Fields);

    private static List<CsvRecord> Split(string text, char separator)
    {
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var line = 1;
        var recordLine = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                fields.Add(field.ToString());
                field.Clear();
                records.Add(new CsvRecord(recordLine, fields));
                fields = [];
                line++;
                recordLine = line;
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add(new CsvRecord(recordLine, fields));
        }

        return records.Where(r => r.Fields.Count > 1 || r.Fields[0].Length > 0).ToList();
    }
}
