namespace BpfTools.Pictures;

/// <summary>
/// One rectangle of a flame graph: a frame at a depth (0 is the "all" root), starting <see cref="Start"/> units
/// from the left and <see cref="Count"/> units wide. <see cref="Delta"/> is the change from the reference
/// profile (differential graphs only): positive where the frame grew.
/// </summary>
internal sealed record FlameBox(string Name, FrameKind Kind, int Depth, long Start, long Count, double Delta);

/// <summary>
/// The layout of a flame graph, as flamegraph.pl draws it: equal frames under equal parents are merged into one
/// box whose width is the sum of their counts, siblings are ordered by name (so the x axis is not time), and each
/// box sits on its caller.
/// </summary>
internal sealed class FlameLayout
{
    private sealed class Node(string name, FrameKind kind)
    {
        public string Name { get; } = name;

        public FrameKind Kind { get; } = kind;

        public long Count { get; set; }

        public long ReferenceCount { get; set; }

        public SortedDictionary<(string, FrameKind), Node> Children { get; } = new(FrameOrder.Instance);
    }

    private sealed class FrameOrder : IComparer<(string Name, FrameKind Kind)>
    {
        public static readonly FrameOrder Instance = new();

        public int Compare((string Name, FrameKind Kind) x, (string Name, FrameKind Kind) y)
        {
            var byName = string.CompareOrdinal(x.Name, y.Name);
            return byName != 0 ? byName : x.Kind.CompareTo(y.Kind);
        }
    }

    private readonly Node _root = new("all", FrameKind.User);

    /// <summary>The total of the profile drawn (the root's width).</summary>
    public long Total => _root.Count;

    /// <summary>The total of the reference profile, for differential graphs; 0 otherwise.</summary>
    public long ReferenceTotal => _root.ReferenceCount;

    /// <summary>Adds a stack to the profile drawn, or (<paramref name="reference"/>) to the one it is compared with.</summary>
    public void Add(FlameStack stack, bool reference = false)
    {
        if (stack.Count <= 0)
        {
            return;
        }
        var node = _root;
        Bump(node, stack.Count, reference);
        foreach (var frame in stack.Frames)
        {
            if (!node.Children.TryGetValue((frame.Name, frame.Kind), out var child))
            {
                child = new Node(frame.Name, frame.Kind);
                node.Children.Add((frame.Name, frame.Kind), child);
            }
            Bump(child, stack.Count, reference);
            node = child;
        }
    }

    private static void Bump(Node node, long count, bool reference)
    {
        if (reference)
        {
            node.ReferenceCount += count;
        }
        else
        {
            node.Count += count;
        }
    }

    /// <summary>
    /// Every box, parents before children. In a differential graph the reference is first scaled to the same
    /// total (Gregg's difffolded.pl -n), so a longer or busier reference run does not show as a shrink everywhere;
    /// frames only in the reference have no width and are left out.
    /// </summary>
    public List<FlameBox> Boxes()
    {
        var scale = _root.ReferenceCount > 0 ? (double)_root.Count / _root.ReferenceCount : 0;
        var boxes = new List<FlameBox>();
        var pending = new Stack<(Node Node, int Depth, long Start)>();
        pending.Push((_root, 0, 0));
        while (pending.Count > 0)
        {
            var (node, depth, start) = pending.Pop();
            var delta = _root.ReferenceCount > 0 ? node.Count - (node.ReferenceCount * scale) : 0;
            boxes.Add(new FlameBox(node.Name, node.Kind, depth, start, node.Count, delta));
            var childStart = start;
            var children = new List<(Node, int, long)>();
            foreach (var child in node.Children.Values.Where(c => c.Count > 0))
            {
                children.Add((child, depth + 1, childStart));
                childStart += child.Count;
            }
            // Pushed in reverse so that siblings come out left to right.
            for (var i = children.Count - 1; i >= 0; i--)
            {
                pending.Push(children[i]);
            }
        }
        return boxes;
    }
}
