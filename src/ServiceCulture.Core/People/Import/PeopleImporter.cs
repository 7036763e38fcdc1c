using Microsoft.EntityFrameworkCore;
using ServiceCulture.Auditing;
using ServiceCulture.Data;
using ServiceCulture.Rules;

namespace ServiceCulture.People.Import;

/// <summary>
/// Turns an uploaded people file into a stored, checked import: every row with its errors and what
/// applying it would change. Nothing about people changes until the import is applied.
/// </summary>
public sealed class PeopleImporter(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    /// <summary>Reads and checks the file and stores the preview; returns the import, or why the file cannot be read.</summary>
    public async Task<(long? ImportId, string? Error)> PreviewAsync(int? actorId, string fileName, byte[] bytes, bool deactivateMissing, bool sendInvitations, CancellationToken cancellationToken)
    {
        var read = PeopleCsv.Read(bytes);
        if (read.Error is not null)
        {
            return (null, read.Error);
        }

        var people = await PeopleSnapshot.LoadAsync(db, cancellationToken);
        var rows = Check(read.People, people, actorId);
        if (deactivateMissing)
        {
            var inFile = rows.Select(r => r.Email.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
            var deactivated = people.ByEmail.Values
                .Where(p => p.IsActive && !inFile.Contains(p.NormalizedEmail) && p.Id != actorId && p.Role != Roles.Admin)
                .OrderBy(p => p.Name, StringComparer.CurrentCulture)
                .ToList();
            foreach (var manager in rows.Where(r => r.ManagerEmail is not null && deactivated.Any(d => d.NormalizedEmail == r.ManagerEmail.ToUpperInvariant())))
            {
                AddError(manager, $"the manager {manager.ManagerEmail} is not in the file and would be deactivated");
            }

            rows.AddRange(deactivated.Select(p => new PeopleImportRow
            {
                Line = 0,
                Name = p.Name,
                Email = p.Email,
                Team = p.Team,
                Role = p.Role,
                TimeZoneId = p.TimeZoneId,
                JobTitle = p.JobTitle,
                Change = RowChange.Deactivated,
                EmployeeId = p.Id,
            }));
        }

        var import = new PeopleImport
        {
            FileName = Path.GetFileName(fileName) is { Length: > 0 } name ? name[..Math.Min(name.Length, PeopleImport.FileNameMaxLength)] : "people.csv",
            CreatedById = actorId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            Status = ImportStatus.Previewed,
            DeactivateMissing = deactivateMissing,
            SendInvitations = sendInvitations,
            TotalRows = rows.Count,
            ErrorRows = rows.Count(r => r.Change == RowChange.Invalid),
            Rows = rows,
        };
        db.PeopleImports.Add(import);
        await db.SaveChangesAsync(cancellationToken);
        return (import.Id, null);
    }

    /// <summary>Queues a previewed import without errors; the caller then starts the job.</summary>
    public async Task<RuleResult> QueueAsync(int? actorId, long importId, CancellationToken cancellationToken)
    {
        var import = await db.PeopleImports.SingleOrDefaultAsync(i => i.Id == importId, cancellationToken);
        if (import is null)
        {
            return RuleResult.Refused(Refusal.NotFound("This import does not exist."));
        }

        if (import.ErrorRows > 0)
        {
            return RuleResult.Refused(Refusal.Invalid(null, $"{import.ErrorRows} row{(import.ErrorRows == 1 ? " has" : "s have")} errors. Fix the file and upload it again; nothing was changed."));
        }

        if (import.Status != ImportStatus.Previewed)
        {
            return RuleResult.Done;
        }

        import.Status = ImportStatus.Queued;
        audit.Record(actorId, "people.import", nameof(PeopleImport), importId, $"{import.FileName}: {import.TotalRows} rows");
        await db.SaveChangesAsync(cancellationToken);
        return RuleResult.Done;
    }

    private static List<PeopleImportRow> Check(IReadOnlyList<CsvPerson> file, PeopleSnapshot people, int? actorId)
    {
        var rows = new List<PeopleImportRow>(file.Count);
        var duplicates = file.GroupBy(p => p.Email.Trim().ToUpperInvariant()).Where(g => g.Key.Length > 0 && g.Count() > 1)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Line).ToList(), StringComparer.Ordinal);
        var inFile = file.Select(p => p.Email.Trim().ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        foreach (var person in file)
        {
            var row = new PeopleImportRow
            {
                Line = person.Line,
                Name = Cut(person.Name, Employee.DisplayNameMaxLength * 2),
                Email = Cut(person.Email, 256),
                Team = person.Team.Length == 0 ? null : Cut(person.Team, Team.NameMaxLength * 2),
                ManagerEmail = person.ManagerEmail.Length == 0 ? null : Cut(person.ManagerEmail, 256),
                JobTitle = person.JobTitle.Length == 0 ? null : Cut(person.JobTitle, Employee.JobTitleMaxLength * 2),
                TimeZoneId = person.TimeZone.Length == 0 ? "UTC" : Cut(person.TimeZone, 64),
            };
            var formula = new[] { ("name", person.Name), ("email", person.Email), ("team", person.Team), ("manager email", person.ManagerEmail), ("role", person.Role), ("time zone", person.TimeZone), ("job title", person.JobTitle) }
                .Where(c => Reporting.Csv.LooksLikeFormula(c.Item2)).Select(c => c.Item1).ToList();
            if (formula.Count > 0)
            {
                AddError(row, $"{string.Join(", ", formula)} start{(formula.Count == 1 ? "s" : "")} with =, +, - or @ like a spreadsheet formula; type the value itself");
            }

            if (person.Name.Length == 0)
            {
                AddError(row, "the name is empty");
            }
            else if (person.Name.Length > Employee.DisplayNameMaxLength)
            {
                AddError(row, $"the name is longer than {Employee.DisplayNameMaxLength} characters");
            }

            var key = person.Email.ToUpperInvariant();
            if (!EmailAddress.IsValid(person.Email))
            {
                AddError(row, person.Email.Length == 0 ? "the email is empty" : $"“{person.Email}” is not an email address");
            }
            else if (duplicates.TryGetValue(key, out var lines))
            {
                AddError(row, $"the email {person.Email} appears on lines {string.Join(", ", lines)}");
            }

            var role = Roles.All.FirstOrDefault(r => string.Equals(r, person.Role, StringComparison.OrdinalIgnoreCase));
            if (person.Role.Length == 0)
            {
                role = Roles.Employee;
            }

            if (role is null)
            {
                AddError(row, $"the role “{person.Role}” is not Employee, Manager or Admin");
            }

            row.Role = role ?? Roles.Employee;
            if (!ServiceTimeZones.IsKnown(row.TimeZoneId))
            {
                AddError(row, $"the time zone “{person.TimeZone}” is unknown; use a name like Europe/Paris");
            }

            if (person.JobTitle.Length > Employee.JobTitleMaxLength)
            {
                AddError(row, $"the job title is longer than {Employee.JobTitleMaxLength} characters");
            }

            if (person.Team.Length > Team.NameMaxLength)
            {
                AddError(row, $"the team name is longer than {Team.NameMaxLength} characters");
            }
            else if (person.Team.Length > 0 && people.TeamByName.TryGetValue(person.Team, out var team) && team.Archived)
            {
                AddError(row, $"the team “{person.Team}” is archived");
            }

            if (person.ManagerEmail.Length > 0)
            {
                var manager = person.ManagerEmail.ToUpperInvariant();
                if (manager == key)
                {
                    AddError(row, "a person cannot be their own manager");
                }
                else if (!inFile.Contains(manager) && !(people.ByEmail.TryGetValue(manager, out var known) && known.IsActive))
                {
                    AddError(row, $"the manager {person.ManagerEmail} is neither in the file nor an active person in the portal");
                }
            }

            if (actorId is { } me && people.ByEmail.TryGetValue(key, out var self) && self.Id == me && row.Role != Roles.Admin)
            {
                AddError(row, "this is you: you cannot remove your own admin role by import");
            }

            rows.Add(row);
        }

        // Cycles are looked for in the organisation as it would be: the file's rows over everyone else.
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        int Index(string email) => index.TryGetValue(email, out var i) ? i : index[email] = index.Count;
        var managerOf = new Dictionary<int, int?>();
        foreach (var existing in people.ByEmail.Values)
        {
            managerOf[Index(existing.NormalizedEmail)] = existing.ManagerEmail is { } m ? Index(m.ToUpperInvariant()) : null;
        }

        foreach (var row in rows.Where(r => r.Email.Length > 0))
        {
            managerOf[Index(row.Email.ToUpperInvariant())] = row.ManagerEmail is { } m ? Index(m.ToUpperInvariant()) : null;
        }

        var cycles = ManagerChain.InCycles(managerOf);
        foreach (var row in rows.Where(r => r.Email.Length > 0 && r.ManagerEmail is not null && cycles.Contains(Index(r.Email.ToUpperInvariant()))))
        {
            AddError(row, "the chain of managers from this person comes back to them");
        }

        foreach (var row in rows.Where(r => r.Change != RowChange.Invalid))
        {
            row.Change = people.ByEmail.TryGetValue(row.Email.ToUpperInvariant(), out var existing)
                ? existing.Matches(row) ? RowChange.Unchanged : RowChange.Updated
                : RowChange.New;
        }

        return rows;
    }

    private static void AddError(PeopleImportRow row, string error)
    {
        row.Change = RowChange.Invalid;
        var errors = row.Errors is null ? error : row.Errors + "; " + error;
        row.Errors = errors.Length > 1000 ? errors[..1000] : errors;
    }

    private static string Cut(string value, int max) => value.Length > max ? value[..max] : value;
}

/// <summary>Everyone in the portal as an import compares them: one query for people, one for teams, one for roles.</summary>
internal sealed class PeopleSnapshot
{
    public Dictionary<string, Person> ByEmail { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, (int Id, bool Archived)> TeamByName { get; } = new(StringComparer.OrdinalIgnoreCase);

    public sealed record Person(int Id, string Email, string NormalizedEmail, string Name, string? Team, string? ManagerEmail, string Role, string TimeZoneId, string? JobTitle, bool IsActive)
    {
        public bool Matches(PeopleImportRow row) =>
            IsActive
            && string.Equals(Name, row.Name, StringComparison.Ordinal)
            && string.Equals(Team ?? "", row.Team ?? "", StringComparison.OrdinalIgnoreCase)
            && string.Equals(ManagerEmail ?? "", row.ManagerEmail ?? "", StringComparison.OrdinalIgnoreCase)
            && string.Equals(Role, row.Role, StringComparison.Ordinal)
            && string.Equals(TimeZoneId, row.TimeZoneId, StringComparison.Ordinal)
            && string.Equals(JobTitle ?? "", row.JobTitle ?? "", StringComparison.Ordinal);
    }

    public static async Task<PeopleSnapshot> LoadAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var snapshot = new PeopleSnapshot();
        var teams = await db.Teams.AsNoTracking().Select(t => new { t.Id, t.Name, t.ArchivedAt }).ToListAsync(cancellationToken);
        foreach (var team in teams)
        {
            snapshot.TeamByName[team.Name] = (team.Id, team.ArchivedAt != null);
        }

        var roleNames = await db.Roles.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name!, cancellationToken);
        var roles = (await db.UserRoles.AsNoTracking().Select(r => new { r.UserId, r.RoleId }).ToListAsync(cancellationToken))
            .GroupBy(r => r.UserId)
            .ToDictionary(g => g.Key, g => Highest(g.Select(r => roleNames[r.RoleId])));
        var teamNames = teams.ToDictionary(t => t.Id, t => t.Name);
        var people = await db.Users.AsNoTracking()
            .Where(u => u.ErasedAt == null)
            .Select(u => new { u.Id, u.Email, u.NormalizedEmail, u.DisplayName, u.TeamId, u.ManagerId, u.TimeZoneId, u.JobTitle, u.IsActive })
            .ToListAsync(cancellationToken);
        var emails = people.ToDictionary(p => p.Id, p => p.Email);
        foreach (var p in people.Where(p => p.NormalizedEmail is not null))
        {
            snapshot.ByEmail[p.NormalizedEmail!] = new Person(
                p.Id, p.Email!, p.NormalizedEmail!, p.DisplayName,
                p.TeamId is { } t ? teamNames[t] : null,
                p.ManagerId is { } m ? emails.GetValueOrDefault(m) : null,
                roles.GetValueOrDefault(p.Id, Roles.Employee),
                p.TimeZoneId, p.JobTitle, p.IsActive);
        }

        return snapshot;
    }

    public static string Highest(IEnumerable<string> roles)
    {
        var set = roles.ToHashSet(StringComparer.Ordinal);
        return set.Contains(Roles.Admin) ? Roles.Admin : set.Contains(Roles.Manager) ? Roles.Manager : Roles.Employee;
    }
}
