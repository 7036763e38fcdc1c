using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using ServiceCulture.Moments;
using ServiceCulture.Rules;

namespace ServiceCulture.Web.Pages.Moments;

/// <summary>The fields of the moment form, shared by logging, editing and recovering.</summary>
public sealed class MomentForm
{
    [Required(ErrorMessage = "Choose one of the four kinds of moment.")]
    [Display(Name = "Kind")]
    public MomentKind? Kind { get; set; }

    [Required(ErrorMessage = "Give the moment a short title.")]
    [StringLength(Moment.TitleMaxLength, ErrorMessage = "Keep the title to {1} characters.")]
    [Display(Name = "Title")]
    public string? Title { get; set; }

    [Required(ErrorMessage = "Tell the story: what happened, what the customer needed, what you did.")]
    [StringLength(Moment.StoryMaxLength, ErrorMessage = "Keep the story to {1} characters.")]
    [Display(Name = "Story")]
    public string? Story { get; set; }

    [Required(ErrorMessage = "Enter the date it happened.")]
    [Display(Name = "When did it happen?")]
    [DataType(DataType.Date)]
    public DateOnly? OccurredOn { get; set; }

    [Required(ErrorMessage = "Say whether the customer was external or a colleague or team.")]
    [RegularExpression("^(External|Internal)$", ErrorMessage = "Say whether the customer was external or a colleague or team.")]
    [Display(Name = "Customer")]
    public string? CustomerType { get; set; } = "External";

    [StringLength(Moment.CustomerNameMaxLength, ErrorMessage = "Keep the description to {1} characters.")]
    [Display(Name = "Who was the customer?")]
    public string? ExternalCustomer { get; set; }

    public int? CustomerEmployeeId { get; set; }
    public int? CustomerTeamId { get; set; }

    [StringLength(200)]
    [Display(Name = "Colleague or team")]
    public string? CustomerSearch { get; set; }

    [Display(Name = "Service elements")]
    public List<ServiceElements> Elements { get; set; } = [];

    [StringLength(Moment.LessonMaxLength, ErrorMessage = "Keep the lesson to {1} characters.")]
    [Display(Name = "Lesson learned")]
    public string? Lesson { get; set; }

    [Required(ErrorMessage = "Choose who can see this.")]
    [Display(Name = "Who can see this")]
    public Visibility? Visibility { get; set; }

    [Display(Name = "Which misery does this recover?")]
    public long? RecoversMomentId { get; set; }

    [Display(Name = "Who recovered it?")]
    public int? RecoveredById { get; set; }

    [StringLength(200)]
    public string? RecoveredBySearch { get; set; }

    public List<StepInput> Steps { get; set; } = [.. Enumerable.Range(1, 5).Select(n => new StepInput { Number = n })];

    public ServiceElements CombinedElements => Elements.Aggregate(ServiceElements.None, (all, e) => all | e);

    public MomentDraft ToDraft() => new()
    {
        Kind = Kind ?? default,
        Title = Title ?? "",
        Story = Story ?? "",
        OccurredOn = OccurredOn ?? default,
        CustomerKind = CustomerType == "Internal"
            ? CustomerEmployeeId is not null ? CustomerKind.Colleague : CustomerTeamId is not null ? CustomerKind.Team : CustomerKind.Colleague
            : CustomerKind.External,
        ExternalCustomer = ExternalCustomer,
        CustomerEmployeeId = CustomerEmployeeId,
        CustomerTeamId = CustomerEmployeeId is null ? CustomerTeamId : null,
        Elements = CombinedElements,
        Lesson = Lesson,
        Visibility = Visibility ?? default,
        RecoversMomentId = RecoversMomentId,
        RecoveredById = RecoveredById,
        Steps = [.. Steps.Take(5).Select((s, index) => new StepDraft(s.Number is >= 1 and <= 5 ? s.Number : index + 1, s.Done, s.Note))],
    };

    public static MomentForm From(Moment moment, string? customerLabel, string? recoveredByLabel) => new()
    {
        Kind = moment.Kind,
        Title = moment.Title,
        Story = moment.Story,
        OccurredOn = moment.OccurredOn,
        CustomerType = moment.CustomerKind == CustomerKind.External ? "External" : "Internal",
        ExternalCustomer = moment.ExternalCustomer,
        CustomerEmployeeId = moment.CustomerEmployeeId,
        CustomerTeamId = moment.CustomerTeamId,
        CustomerSearch = customerLabel,
        Elements = [.. ServiceElementCatalog.In(moment.Elements).Select(e => e.Element)],
        Lesson = moment.Lesson,
        Visibility = moment.Visibility,
        RecoversMomentId = moment.RecoversMomentId,
        RecoveredById = moment.RecoveredById,
        RecoveredBySearch = recoveredByLabel,
        Steps = [.. Enumerable.Range(1, 5).Select(n =>
        {
            var step = moment.Steps.FirstOrDefault(s => s.Number == n);
            return new StepInput { Number = n, Done = step?.Done ?? false, Note = step?.Note };
        })],
    };

    /// <summary>Maps a rule's field name to the form's field name for the error beside it.</summary>
    public static string FieldFor(string ruleField) => ruleField switch
    {
        "" => "",
        nameof(MomentDraft.CustomerKind) or nameof(MomentDraft.CustomerEmployeeId) or nameof(MomentDraft.CustomerTeamId) => "Form.CustomerSearch",
        nameof(MomentDraft.OccurredOn) => "Form.OccurredOn",
        _ => "Form." + ruleField,
    };

    /// <summary>Shows each rule's message beside its field, unless that field already shows one.</summary>
    public static void AddRefusals(ModelStateDictionary state, IEnumerable<Refusal> refusals) =>
        state.AddRefusals(refusals, FieldFor, onePerField: true);

    public sealed class StepInput
    {
        public int Number { get; set; }

        public bool Done { get; set; }

        [StringLength(RecoveryStep.NoteMaxLength, ErrorMessage = "Keep each note to {1} characters.")]
        [Display(Name = "Note")]
        public string? Note { get; set; }
    }
}
