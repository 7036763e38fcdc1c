using ServiceCulture.Recognitions;

namespace ServiceCulture.Tests.Recognitions;

public sealed class MessageComparisonTests
{
    [Theory]
    [InlineData("Great work on the rollout.", "great work on the rollout.")]
    [InlineData("  Great   work\ton the\r\nrollout.  ", "great work on the rollout.")]
    [InlineData("GREAT WORK ON THE ROLLOUT.", "great work on the rollout.")]
    [InlineData("Merci pour l’aide, Élodie.", "merci pour l’aide, élodie.")]
    public void The_same_words_in_any_case_and_spacing_are_the_same_message(string earlier, string normalised) =>
        Assert.True(RecognitionRules.SameWords(earlier, normalised));

    [Theory]
    [InlineData("Great work on the rollout!", "great work on the rollout.")]
    [InlineData("Great work on the rollout", "great work on the rollout.")]
    [InlineData("Great work on the rollout. Again.", "great work on the rollout.")]
    [InlineData("Greatwork on the rollout.", "great work on the rollout.")]
    [InlineData("Great work on the roll out.", "great work on the rollout.")]
    [InlineData("", "great work on the rollout.")]
    public void Different_words_are_a_different_message(string earlier, string normalised) =>
        Assert.False(RecognitionRules.SameWords(earlier, normalised));
}
