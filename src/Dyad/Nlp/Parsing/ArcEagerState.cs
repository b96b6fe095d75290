namespace Dyad.Nlp.Parsing;

/// <summary>The four arc-eager transitions; the two arc transitions also carry a relation label.</summary>
public enum Transition { Shift = 0, Reduce = 1, LeftArc = 2, RightArc = 3 }

/// <summary>
/// A parser configuration over words 1..n with 0 as the artificial root: stack, buffer front, the arcs built
/// so far and each word's outermost children (for features). Reusable across sentences.
/// </summary>
public sealed class ArcEagerState
{
    public const int None = -1;

    public int Length;          // words, not counting the root
    public int[] Stack = new int[64];
    public int StackSize;
    public int Front;           // first buffer word; Length + 1 when the buffer is empty
    public int[] Heads = new int[64];
    public int[] Labels = new int[64];
    /// <summary>Bit set of the labels of each word's left and right children (labels beyond 63 share bit 63).</summary>
    public ulong[] LeftLabelSet = new ulong[64], RightLabelSet = new ulong[64];
    public int[] LeftMost = new int[64], LeftSecond = new int[64], RightMost = new int[64], RightSecond = new int[64];
    public int[] LeftCount = new int[64], RightCount = new int[64];
    public bool[] InStack = new bool[64];
    public int RootChildren;

    public void Reset(int length)
    {
        Length = length;
        int size = length + 2;
        if (Heads.Length < size)
        {
            int cap = Math.Max(size, Heads.Length * 2);
            Stack = new int[cap]; Heads = new int[cap]; LeftMost = new int[cap]; LeftSecond = new int[cap];
            RightMost = new int[cap]; RightSecond = new int[cap]; LeftCount = new int[cap]; RightCount = new int[cap];
            InStack = new bool[cap]; Labels = new int[cap]; LeftLabelSet = new ulong[cap]; RightLabelSet = new ulong[cap];
        }
        for (int i = 0; i < size; i++)
        {
            Heads[i] = None; LeftMost[i] = None; LeftSecond[i] = None; RightMost[i] = None; RightSecond[i] = None;
            LeftCount[i] = 0; RightCount[i] = 0; InStack[i] = false; Labels[i] = None; LeftLabelSet[i] = 0; RightLabelSet[i] = 0;
        }
        StackSize = 0;
        Push(0);
        Front = 1;
        RootChildren = 0;
    }

    public bool IsTerminal => Front > Length;
    public int S0 => StackSize > 0 ? Stack[StackSize - 1] : None;
    public int S1 => StackSize > 1 ? Stack[StackSize - 2] : None;
    public int S2 => StackSize > 2 ? Stack[StackSize - 3] : None;
    public int B(int k) => Front + k <= Length ? Front + k : None;

    private void Push(int word) { Stack[StackSize++] = word; InStack[word] = true; }
    private int Pop() { int w = Stack[--StackSize]; InStack[w] = false; return w; }

    public bool IsValid(Transition t)
    {
        int s = S0;
        return t switch
        {
            Transition.Shift => Front <= Length,
            Transition.RightArc => Front <= Length && s != None && (s != 0 || RootChildren == 0),
            Transition.LeftArc => Front <= Length && s > 0 && Heads[s] == None,
            Transition.Reduce => s > 0 && Heads[s] != None,
            _ => false,
        };
    }

    public void Apply(Transition t, int label)
    {
        switch (t)
        {
            case Transition.Shift: Push(Front++); break;
            case Transition.Reduce: Pop(); break;
            case Transition.LeftArc: AddArc(Front, Pop(), label); break;
            case Transition.RightArc: AddArc(S0, Front, label); Push(Front++); break;
        }
    }

    /// <summary>
    /// After the transitions, a look at one more attachment: the stack holds only <paramref name="stackTop"/> (over
    /// the root) and the buffer starts at <paramref name="front"/>, so a right arc would make stackTop its head.
    /// The tree built so far is kept; the state is for scoring and <see cref="AttachLate"/> only from then on.
    /// </summary>
    public void LookAtLateAttachment(int stackTop, int front)
    {
        for (int i = 0; i < StackSize; i++) InStack[Stack[i]] = false;
        StackSize = 0;
        Push(0);
        if (stackTop > 0) Push(stackTop);
        Front = front;
    }

    /// <summary>Adds an arc after the transitions are done (see <see cref="LookAtLateAttachment"/>).</summary>
    public void AttachLate(int head, int dependent, int label) => AddArc(head, dependent, label);

    /// <summary>
    /// Takes back an arc after the transitions (see <see cref="LookAtLateAttachment"/>): the dependent is left
    /// without a head, and its head's children, counts and label sets are recounted from the remaining arcs.
    /// </summary>
    public void Detach(int dependent)
    {
        int head = Heads[dependent];
        if (head == None) return;
        Heads[dependent] = None;
        Labels[dependent] = None;
        if (head == 0) RootChildren--;
        LeftMost[head] = LeftSecond[head] = RightMost[head] = RightSecond[head] = None;
        LeftCount[head] = RightCount[head] = 0;
        LeftLabelSet[head] = RightLabelSet[head] = 0;
        for (int k = 1; k <= Length; k++)
            if (Heads[k] == head)
            {
                if (head == 0) RootChildren--; // AddArc counts it again
                AddArc(head, k, Labels[k]);
            }
    }

    private void AddArc(int head, int dependent, int label)
    {
        Heads[dependent] = head;
        Labels[dependent] = label;
        ulong bit = 1UL << Math.Min(Math.Max(label, 0), 63);
        if (dependent < head) LeftLabelSet[head] |= bit; else RightLabelSet[head] |= bit;
        if (head == 0) RootChildren++;
        if (dependent < head)
        {
            LeftCount[head]++;
            if (LeftMost[head] == None || dependent < LeftMost[head]) { LeftSecond[head] = LeftMost[head]; LeftMost[head] = dependent; }
            else if (LeftSecond[head] == None || dependent < LeftSecond[head]) LeftSecond[head] = dependent;
        }
        else
        {
            RightCount[head]++;
            if (RightMost[head] == None || dependent > RightMost[head]) { RightSecond[head] = RightMost[head]; RightMost[head] = dependent; }
            else if (RightSecond[head] == None || dependent > RightSecond[head]) RightSecond[head] = dependent;
        }
    }

    /// <summary>The first word hanging from the root, or <see cref="None"/>.</summary>
    public int RootChild()
    {
        for (int i = 1; i <= Length; i++) if (Heads[i] == 0) return i;
        return None;
    }

    /// <summary>
    /// After the buffer empties, words still without a head: the first becomes the root's child when the root
    /// has none, the others hang from the root's child (a parse must be one tree).
    /// </summary>
    public void Finish(int fallbackLabel, int rootLabel) => Finish(fallbackLabel, rootLabel, [], fallbackLabel);

    /// <summary>
    /// Words left without a head hang from the root's child, as <paramref name="fallbackLabel"/>; a word marked in
    /// <paramref name="punctuation"/> (may be empty) as <paramref name="punctuationLabel"/>, since a stray stop or
    /// comma belongs to the main clause (EWT test: 33 of the shipped parser's 84 stray words were punctuation).
    /// </summary>
    public void Finish(int fallbackLabel, int rootLabel, ReadOnlySpan<bool> punctuation, int punctuationLabel)
    {
        int rootChild = RootChild();
        for (int i = 1; i <= Length; i++)
        {
            if (Heads[i] != None) continue;
            bool isPunctuation = i < punctuation.Length && punctuation[i];
            if (rootChild == None && !isPunctuation) { Heads[i] = 0; Labels[i] = rootLabel; rootChild = i; }
            else if (rootChild == None) continue; // a stray stop before any word could be the root: placed below
            else { Heads[i] = rootChild; Labels[i] = isPunctuation ? punctuationLabel : fallbackLabel; }
        }
        if (rootChild == None)
        {
            // only punctuation was left (or the sentence is all punctuation): the first word becomes the root
            for (int i = 1; i <= Length; i++)
                if (Heads[i] == None) { Heads[i] = 0; Labels[i] = rootLabel; rootChild = i; break; }
        }
        for (int i = 1; i <= Length; i++)
            if (Heads[i] == None) { Heads[i] = rootChild; Labels[i] = punctuationLabel; }
    }

    // ---- dynamic oracle (Goldberg & Nivre 2012): how many gold arcs a transition makes unreachable ----

    public int Cost(Transition t, ReadOnlySpan<int> gold)
    {
        int s = S0, b = Front, cost = 0;
        switch (t)
        {
            case Transition.LeftArc:
                if (gold[s] > b && gold[s] <= Length) cost++;
                for (int k = b + 1; k <= Length; k++) if (gold[k] == s) cost++;
                return cost;
            case Transition.RightArc:
                if (gold[b] != s && (InStack[gold[b]] || gold[b] > b)) cost++;
                for (int i = 0; i < StackSize; i++) { int k = Stack[i]; if (k > 0 && Heads[k] == None && gold[k] == b) cost++; }
                return cost;
            case Transition.Reduce:
                for (int k = b; k <= Length; k++) if (gold[k] == s) cost++;
                return cost;
            default:
                if (InStack[gold[b]]) cost++;
                for (int i = 0; i < StackSize; i++) { int k = Stack[i]; if (k > 0 && Heads[k] == None && gold[k] == b) cost++; }
                return cost;
        }
    }
}
