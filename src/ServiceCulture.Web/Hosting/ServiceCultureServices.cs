using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.Extensions.Options;
using ServiceCulture.Auditing;
using ServiceCulture.Content;
using ServiceCulture.Data;
using ServiceCulture.Demo;
using ServiceCulture.Email;
using ServiceCulture.Gamification;
using ServiceCulture.Moments;
using ServiceCulture.Notifications;
using ServiceCulture.Reporting;
using ServiceCulture.Reviews;
using ServiceCulture.People;
using ServiceCulture.Recognitions;
using ServiceCulture.Security;
using ServiceCulture.Settings;
using ServiceCulture.Web.Identity;
using ServiceCulture.Web.Jobs;

namespace ServiceCulture.Web.Hosting;

/// <summary>Everything the portal registers with the host, in one place.</summary>
public static class ServiceCultureServices
{
    /// <summary>Identity UI pages the portal does not offer: no self-registration, no external logins.</summary>
    private static readonly HashSet<string> WithdrawnIdentityPages = new(StringComparer.OrdinalIgnoreCase)
    {
        "/Account/Register", "/Account/RegisterConfirmation", "/Account/ExternalLogin", "/Account/ConfirmEmail",
        "/Account/ConfirmEmailChange", "/Account/ResendEmailConfirmation", "/Account/AccessDenied",
        "/Account/Manage/Email", "/Account/Manage/ExternalLogins", "/Account/Manage/SetPassword",
        "/Account/Manage/PersonalData", "/Account/Manage/DownloadPersonalData", "/Account/Manage/DeletePersonalData",
        "/Error",
    };

    /// <summary>Pages anyone may open without signing in.</summary>
    public static readonly IReadOnlyList<string> AnonymousIdentityPages =
    [
        "/Account/Login", "/Account/LoginWith2fa", "/Account/LoginWithRecoveryCode", "/Account/Lockout",
        "/Account/ForgotPassword", "/Account/ForgotPasswordConfirmation", "/Account/ResetPassword",
        "/Account/ResetPasswordConfirmation", "/Account/Logout",
    ];

    public static WebApplicationBuilder AddServiceCulture(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var environment = builder.Environment;
        var services = builder.Services;

        // Static assets are served from the build output's manifest outside Development too, and
        // only from the manifest: the catch-all that picks up files added while developing is
        // for Development alone.
        builder.WebHost.UseStaticWebAssets();
        if (!environment.IsDevelopment() && configuration["ReloadStaticAssetsAtRuntime"] is null)
        {
            configuration["ReloadStaticAssetsAtRuntime"] = "false";
        }

        var provider = DatabaseSetup.ReadProvider(configuration);
        var connectionString = DatabaseSetup.ReadConnectionString(configuration, provider, environment.ContentRootPath);
        services.AddSingleton(new DatabaseTarget(provider));
        services.AddSingleton<LeaderboardCache>();
        services.AddSingleton<LeaderboardChangesInterceptor>();
        services.AddDbContext<AppDbContext>((sp, options) =>
        {
            DatabaseSetup.Configure(options, provider, connectionString);
            options.AddInterceptors(sp.GetRequiredService<LeaderboardChangesInterceptor>());
            if (provider == DatabaseProvider.Sqlite)
            {
                options.AddInterceptors(SqliteConnectionSettings.Instance, SqliteWriteGate.Instance);
            }
            else if (provider == DatabaseProvider.PostgreSql)
            {
                options.AddInterceptors(PostgreSqlRowLimits.Instance);
            }
        });
        services.AddSingleton(ShiftedClock.For(configuration, environment));

        var dataProtection = services.AddDataProtection()
            .SetApplicationName("ServiceCulture")
            .PersistKeysToDbContext<AppDbContext>();
        if (configuration["DataProtection:CertificatePath"] is { Length: > 0 } certificatePath)
        {
            // Keys at rest in the database are then encrypted with this certificate, which every node holds.
            dataProtection.ProtectKeysWithCertificate(
                System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                    certificatePath, configuration["DataProtection:CertificatePassword"]));
        }

        var transport = TransportSecurity.From(configuration, environment);
        services.AddSingleton(transport);
        AddIdentity(services, transport);
        AddAuthorization(services);
        AddPages(services);
        AddRateLimits(services, configuration);
        AddMail(services, configuration, environment);

        services.AddScoped<DemoOrganisation>();
        services.AddScoped<AuditLog>();
        services.AddScoped<AuditRetentionJob>();
        services.AddScoped<MomentRules>();
        services.AddScoped<CaseStudyRules>();
        services.AddScoped<GamificationEvents>();
        services.AddScoped<PointsLedger>();
        services.AddScoped<BadgeRules>();
        services.AddScoped<LevelRules>();
        services.AddScoped<StreakRules>();
        services.AddScoped<LeaderboardQuery>();
        services.AddScoped<NotificationCenter>();
        services.AddSingleton<IPortalLinks, PortalLinks>();
        services.AddScoped<SettingsStore>();
        services.AddScoped<RecognitionRules>();
        services.AddScoped<ReportBuilder>();
        services.AddScoped<RatingRules>();
        services.AddScoped<ReportSnapshotJob>();
        services.AddScoped<OutcomeImport>();
        services.AddScoped<ReviewRules>();
        services.AddScoped<ReviewEvidence>();
        services.AddScoped<PeopleAdministration>();
        services.AddScoped<TeamAdministration>();
        services.AddScoped<Invitations>();
        services.AddScoped<IInvitationLinks, InvitationLinks>();
        services.AddScoped<ServiceCulture.People.Import.PeopleImporter>();
        services.AddScoped<ServiceCulture.People.Import.PeopleImportJob>();
        services.AddSingleton<MarkdownRenderer>();
        services.AddPortalJobs(configuration, provider, connectionString);

        services.AddHealthChecks()
            .AddDbContextCheck<AppDbContext>("database", tags: ["ready"])
            .AddCheck<JobStorageHealthCheck>("jobs", tags: ["ready"]);

        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor
                | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
            // The proxy in front is the deployment's own; its address is not known in advance.
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
        });
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        return builder;
    }

    private static void AddIdentity(IServiceCollection services, TransportSecurity transport)
    {
        services.AddDefaultIdentity<Employee>(options =>
            {
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Stores.MaxLengthForKeys = AppDbContext.IdentityKeyMaxLength;
            })
            .AddRoles<IdentityRole<int>>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager<PortalSignInManager>()
            .AddClaimsPrincipalFactory<EmployeeClaimsPrincipalFactory>()
            .AddPasswordValidator<CommonPasswordValidator>();

        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(5));

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = transport.CookieName("sc.auth");
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = transport.CookieSecurePolicy;
            options.Cookie.Path = "/";
            options.LoginPath = "/Identity/Account/Login";
            options.LogoutPath = "/Identity/Account/Logout";
            options.ExpireTimeSpan = TimeSpan.FromHours(10);
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = SessionValidation.ValidateAsync;
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        foreach (var scheme in new[] { IdentityConstants.TwoFactorUserIdScheme, IdentityConstants.TwoFactorRememberMeScheme, IdentityConstants.ExternalScheme })
        {
            services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(scheme, options =>
            {
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = transport.CookieSecurePolicy;
            });
        }

        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = transport.CookieName("sc.af");
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = transport.CookieSecurePolicy;
            options.HeaderName = "X-CSRF-TOKEN";
        });

        services.Configure<CookiePolicyOptions>(options =>
        {
            options.HttpOnly = Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.Always;
            options.MinimumSameSitePolicy = SameSiteMode.Lax;
            options.Secure = transport.CookieSecurePolicy;
        });
    }

    private static void AddAuthorization(IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Employee, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Employee, Roles.Manager, Roles.Admin))
            .AddPolicy(Policies.Manager, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Manager, Roles.Admin))
            .AddPolicy(Policies.Admin, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin))
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
    }

    private static void AddPages(IServiceCollection services)
    {
        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/", Policies.Employee);
            options.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
            options.Conventions.AllowAnonymousToPage("/Error");
            options.Conventions.AllowAnonymousToPage("/Invitations/Accept");
            options.Conventions.AllowAnonymousToPage("/Unsubscribe");
            options.Conventions.AuthorizeAreaFolder("Identity", "/", Policies.Employee);
            foreach (var page in AnonymousIdentityPages)
            {
                options.Conventions.AllowAnonymousToAreaPage("Identity", page);
            }

            options.Conventions.AddAreaFolderRouteModelConvention("Identity", "/", model =>
            {
                if (WithdrawnIdentityPages.Contains(model.ViewEnginePath))
                {
                    model.Selectors.Clear();
                }
            });
        });
        services.AddHttpContextAccessor();
        services.AddMemoryCache();
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(options =>
        {
            // Forged or mistyped values (an unknown kind, a date that is not a date) get a plain message.
            var messages = options.ModelBindingMessageProvider;
            messages.SetAttemptedValueIsInvalidAccessor((value, field) => $"“{value}” is not a valid value for “{field}”.");
            messages.SetValueIsInvalidAccessor(value => $"“{value}” is not a valid value.");
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"“{value}” is not a valid value.");
            messages.SetValueMustNotBeNullAccessor(field => $"Enter a value for “{field}”.");
        });
    }

    private static void AddRateLimits(IServiceCollection services, IConfiguration configuration)
    {
        var signInPerMinute = Math.Max(1, configuration.GetValue("RateLimits:SignInPerMinute", 10));
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (HttpMethods.IsPost(context.Request.Method)
                    && context.Request.Path.StartsWithSegments("/Identity/Account/Login", StringComparison.OrdinalIgnoreCase))
                {
                    var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                    return RateLimitPartition.GetFixedWindowLimiter("sign-in:" + client, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = signInPerMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    });
                }

                return RateLimitPartition.GetNoLimiter("unlimited");
            });
        });
    }

    private static void AddMail(IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.Configure<MailSettings>(configuration.GetSection(MailSettings.Section));
        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<MailSettings>>().Value;
            var path = Path.IsPathRooted(settings.PickupDirectory)
                ? settings.PickupDirectory
                : Path.Combine(environment.ContentRootPath, settings.PickupDirectory);
            return new MailPickupFolder(path, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<MailDelivery>();
        services.AddScoped<Outbox>();
        services.AddScoped<OutboxDispatcher>();
        services.AddSingleton<UnsubscribeTokens>();
        services.AddSingleton<Email.EmailLinks>();
        services.AddScoped<IEmailTemplates, Email.RazorEmailTemplates>();
        services.AddScoped<EmailPreferences>();
        services.AddScoped<ServiceCulture.Nudges.ReinforcementSettings>();
        services.Configure<ServiceCulture.Nudges.NudgeRunOptions>(o => o.BatchSize = Math.Clamp(configuration.GetValue("Jobs:NudgeBatchSize", 500), 1, 5000));
        services.AddScoped<ServiceCulture.Nudges.NudgeJob>();
        services.AddScoped<ServiceCulture.Nudges.INudgeRule, ServiceCulture.Nudges.ReviewDueRule>();
        services.AddScoped<ServiceCulture.Nudges.WeeklyDigestJob>();
        services.AddTransient<IEmailSender, IdentityEmailSender>();
    }
}

/// <summary>The engine and connection string chosen at start-up.</summary>
public sealed record DatabaseTarget(DatabaseProvider Provider);
