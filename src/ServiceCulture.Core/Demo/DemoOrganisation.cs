using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.People;

namespace ServiceCulture.Demo;

/// <summary>
/// Seeds the demo organisation (teams, people, roles and, as features arrive, their activity) into an
/// empty database. Does nothing when anyone already exists, so it is safe to run at every start.
/// </summary>
public sealed class DemoOrganisation(AppDbContext db, IPasswordHasher<Employee> hasher, TimeProvider clock)
{
    public const string Password = "Passw0rd!Demo";
    public const string AdminEmail = "admin@demo.test";
    public const string ManagerEmail = "manager@demo.test";
    public const string EmployeeEmail = "employee@demo.test";

    private sealed record Person(string Name, string Email, string JobTitle, string TimeZone, bool Manages = false, bool Admin = false);

    private sealed record TeamPlan(string Name, string Description, string? Parent, Person[] People);

    private static readonly TeamPlan[] Plan =
    [
        new("Customer Care", "First line for customers: phone, chat and email.", null,
        [
            new("Morgan Reyes", ManagerEmail, "Customer Care Lead", "Europe/London", Manages: true),
            new("Emma Lindqvist", EmployeeEmail, "Customer Advisor", "Europe/London"),
            new("Noah Okafor", "noah.okafor@demo.test", "Customer Advisor", "Europe/London"),
            new("Priya Nair", "priya.nair@demo.test", "Senior Customer Advisor", "Europe/London"),
            new("Lucas Moreau", "lucas.moreau@demo.test", "Customer Advisor", "Europe/Paris"),
            new("Sofia Rossi", "sofia.rossi@demo.test", "Customer Advisor", "Europe/Rome"),
            new("Liam Byrne", "liam.byrne@demo.test", "Chat Specialist", "Europe/Dublin"),
            new("Aisha Bello", "aisha.bello@demo.test", "Complaints Specialist", "Africa/Lagos"),
            new("Tom Fischer", "tom.fischer@demo.test", "Customer Advisor", "Europe/Berlin"),
        ]),
        new("Sales", "New customers and renewals.", null,
        [
            new("Daniel Kim", "daniel.kim@demo.test", "Head of Sales", "America/New_York", Manages: true),
            new("Olivia Brown", "olivia.brown@demo.test", "Account Executive", "America/New_York"),
            new("Mateo Garcia", "mateo.garcia@demo.test", "Account Executive", "America/Chicago"),
            new("Chloe Martin", "chloe.martin@demo.test", "Account Manager", "Europe/Paris"),
            new("Ethan Walker", "ethan.walker@demo.test", "Sales Development Rep", "America/Denver"),
            new("Mia Johansson", "mia.johansson@demo.test", "Account Manager", "Europe/Stockholm"),
            new("Ravi Shah", "ravi.shah@demo.test", "Solutions Consultant", "Asia/Kolkata"),
            new("Grace Lee", "grace.lee@demo.test", "Account Executive", "America/Los_Angeles"),
        ]),
        new("Operations", "Orders, logistics and the systems behind them.", null,
        [
            new("Hannah Schmidt", "hannah.schmidt@demo.test", "Operations Manager", "Europe/Berlin", Manages: true),
            new("Jonas Weber", "jonas.weber@demo.test", "Logistics Coordinator", "Europe/Berlin"),
            new("Yuki Tanaka", "yuki.tanaka@demo.test", "Systems Analyst", "Asia/Tokyo"),
            new("Carlos Silva", "carlos.silva@demo.test", "Warehouse Lead", "Europe/Lisbon"),
            new("Fatima Zahra", "fatima.zahra@demo.test", "Order Specialist", "Europe/Madrid"),
            new("Peter Novak", "peter.novak@demo.test", "IT Support", "Europe/Warsaw"),
            new("Ingrid Berg", "ingrid.berg@demo.test", "Process Analyst", "Europe/Stockholm"),
            new("Samuel Osei", "samuel.osei@demo.test", "Logistics Coordinator", "Africa/Johannesburg"),
        ]),
        new("Finance", "Billing, payments and the numbers.", null,
        [
            new("Eleanor Wright", "eleanor.wright@demo.test", "Finance Manager", "Europe/London", Manages: true),
            new("Arjun Mehta", "arjun.mehta@demo.test", "Billing Specialist", "Asia/Kolkata"),
            new("Laura Costa", "laura.costa@demo.test", "Accounts Payable", "Europe/Lisbon"),
            new("Ben Cohen", "ben.cohen@demo.test", "Financial Analyst", "America/Toronto"),
            new("Nadia Haddad", "nadia.haddad@demo.test", "Credit Controller", "Asia/Dubai"),
            new("Oscar Lindgren", "oscar.lindgren@demo.test", "Payroll Specialist", "Europe/Stockholm"),
        ]),
        new("People & Culture", "Hiring, learning and the way we work together.", null,
        [
            new("Avery Patel", AdminEmail, "People & Culture Director", "Europe/London", Manages: true, Admin: true),
            new("Zoe Campbell", "zoe.campbell@demo.test", "HR Business Partner", "Europe/London"),
            new("Kenji Watanabe", "kenji.watanabe@demo.test", "Learning Designer", "Asia/Tokyo"),
            new("Amara Diallo", "amara.diallo@demo.test", "Recruiter", "Europe/Paris"),
            new("Felix Braun", "felix.braun@demo.test", "People Analyst", "Europe/Berlin"),
            new("Isabel Torres", "isabel.torres@demo.test", "Internal Communications", "America/Mexico_City"),
            new("Hugo Laurent", "hugo.laurent@demo.test", "Workplace Coordinator", "Europe/Paris"),
        ]),
    ];

    public static int PeopleCount => Plan.Sum(t => t.People.Length);

    public async Task<bool> SeedAsync(CancellationToken cancellationToken)
    {
        await RoleSetup.EnsureRolesAsync(db, cancellationToken);
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return false;
        }

        var roleIds = await RoleSetup.RoleIdsAsync(db, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        // One hash for everyone: the demo accounts share a password, and hashing forty times would
        // only slow the first start.
        var passwordHash = hasher.HashPassword(new Employee(), Password);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var index = 0;
        foreach (var plan in Plan)
        {
            var team = new Team { Name = plan.Name, Description = plan.Description };
            db.Teams.Add(team);
            await db.SaveChangesAsync(cancellationToken);

            Employee? manager = null;
            foreach (var person in plan.People)
            {
                var employee = new Employee
                {
                    UserName = person.Email,
                    NormalizedUserName = person.Email.ToUpperInvariant(),
                    Email = person.Email,
                    NormalizedEmail = person.Email.ToUpperInvariant(),
                    EmailConfirmed = true,
                    PasswordHash = passwordHash,
                    SecurityStamp = Guid.NewGuid().ToString("N"),
                    ConcurrencyStamp = Guid.NewGuid().ToString(),
                    LockoutEnabled = true,
                    DisplayName = person.Name,
                    JobTitle = person.JobTitle,
                    TimeZoneId = person.TimeZone,
                    TeamId = team.Id,
                    ManagerId = manager?.Id,
                    JoinedAt = now.AddDays(-400 + (index++ * 7)),
                };
                db.Users.Add(employee);
                await db.SaveChangesAsync(cancellationToken);

                db.UserRoles.Add(new IdentityUserRole<int> { UserId = employee.Id, RoleId = roleIds[Roles.Employee] });
                if (person.Manages)
                {
                    manager = employee;
                    team.ManagerId = employee.Id;
                    db.UserRoles.Add(new IdentityUserRole<int> { UserId = employee.Id, RoleId = roleIds[Roles.Manager] });
                }

                if (person.Admin)
                {
                    db.UserRoles.Add(new IdentityUserRole<int> { UserId = employee.Id, RoleId = roleIds[Roles.Admin] });
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        // Team managers report to the People & Culture director, so every chain ends at the admin.
        var director = await db.Users.SingleAsync(u => u.NormalizedEmail == AdminEmail.ToUpperInvariant(), cancellationToken);
        var teamManagers = await db.Teams.Where(t => t.ManagerId != null && t.ManagerId != director.Id).Select(t => t.ManagerId).ToListAsync(cancellationToken);
        await db.Users.Where(u => teamManagers.Contains(u.Id)).ExecuteUpdateAsync(s => s.SetProperty(u => u.ManagerId, director.Id), cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
