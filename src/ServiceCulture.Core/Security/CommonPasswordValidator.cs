using Microsoft.AspNetCore.Identity;
using ServiceCulture.People;

namespace ServiceCulture.Security;

/// <summary>
/// Refuses passwords that appear on a list of commonly used passwords or that are easy to guess
/// (length alone is the composition rule; see the Identity options).
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<Employee>
{
    public const string Code = "CommonPassword";
    public const string Message = "This password is too common or too easy to guess. Try a longer phrase of unrelated words.";

    private static readonly Lazy<HashSet<string>> CommonPasswords = new(LoadList);

    public Task<IdentityResult> ValidateAsync(UserManager<Employee> manager, Employee user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        return Task.FromResult(IsCommon(password, user)
            ? IdentityResult.Failed(new IdentityError { Code = Code, Description = Message })
            : IdentityResult.Success);
    }

    public static bool IsCommon(string password, Employee? user = null)
    {
        var lowered = password.ToLowerInvariant();
        if (CommonPasswords.Value.Contains(lowered))
        {
            return true;
        }

        var personal = new[] { user?.Email, user?.UserName, user?.DisplayName }
            .Where(v => !string.IsNullOrWhiteSpace(v))
            .Cast<string>()
            .ToArray();
        var estimate = global::Zxcvbn.Zxcvbn.MatchPassword(password, personal);
        return estimate.Score < 2;
    }

    private static HashSet<string> LoadList()
    {
        var assembly = typeof(global::Zxcvbn.Zxcvbn).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("passwords.lst", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line.Trim().ToLowerInvariant());
            }
        }

        return set;
    }
}
