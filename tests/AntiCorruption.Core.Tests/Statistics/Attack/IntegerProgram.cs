using System.Numerics;

namespace AntiCorruption.Core.Tests.Statistics.Attack;

/// <summary>
/// The attacker's solver, written without any knowledge of how the figures were protected:
/// whole-number unknowns with bounds, linear equalities and inequalities, and the least and the
/// greatest value each unknown can take. Exact: a bounded-variable simplex over fractions (Bland's
/// rule, so it cannot cycle) for the linear relaxation, and branch and bound until the optimum is
/// a whole-number point, which is returned as the witness and checked against every constraint.
/// </summary>
internal sealed class IntegerProgram
{
    private readonly List<(long Low, long? High)> _variables = [];
    private readonly List<(Dictionary<int, long> Terms, long Right, bool Equality)> _constraints = [];

    public int Count => _variables.Count;

    /// <summary>A whole-number unknown from <paramref name="low"/> to <paramref name="high"/> (null: no upper bound).</summary>
    public int Variable(long low, long? high)
    {
        _variables.Add((low, high));
        return _variables.Count - 1;
    }

    /// <summary>Σ coefficient · variable = right.</summary>
    public void Equal(IEnumerable<(int Variable, long Coefficient)> terms, long right) => Add(terms, right, equality: true);

    /// <summary>Σ coefficient · variable ≤ right.</summary>
    public void AtMost(IEnumerable<(int Variable, long Coefficient)> terms, long right) => Add(terms, right, equality: false);

    /// <summary>The least whole value of the variable over all whole-number solutions, with one solution that has it; null when there is no solution.</summary>
    public (BigInteger Value, long[] Witness)? Minimum(int variable) => Optimize(variable, maximize: false);

    /// <summary>The greatest; <see cref="Unbounded"/> as the value when there is none.</summary>
    public (BigInteger Value, long[] Witness)? Maximum(int variable) => Optimize(variable, maximize: true);

    public static readonly BigInteger Unbounded = BigInteger.Pow(10, 30);

    /// <summary>Whether a whole-number point meets every bound and constraint.</summary>
    public bool Satisfies(long[] point) =>
        point.Length == _variables.Count
        && _variables.Select((v, i) => point[i] >= v.Low && (v.High is not { } h || point[i] <= h)).All(ok => ok)
        && _constraints.All(c =>
        {
            var left = c.Terms.Sum(t => t.Value * point[t.Key]);
            return c.Equality ? left == c.Right : left <= c.Right;
        });

    private void Add(IEnumerable<(int Variable, long Coefficient)> terms, long right, bool equality)
    {
        var merged = new Dictionary<int, long>();
        foreach (var (variable, coefficient) in terms)
        {
            merged[variable] = merged.GetValueOrDefault(variable) + coefficient;
        }

        _constraints.Add((merged, right, equality));
    }

    private (BigInteger Value, long[] Witness)? Optimize(int target, bool maximize)
    {
        (BigInteger Value, long[] Witness)? best = null;
        var stack = new Stack<(long Low, long? High)[]>();
        stack.Push([.. _variables]);
        while (stack.TryPop(out var bounds))
        {
            var relaxed = new Simplex(bounds, _constraints).Solve(target, maximize);
            if (relaxed is null)
            {
                continue;
            }

            if (relaxed.Value.Unbounded)
            {
                return (Unbounded, []);
            }

            var (value, point) = (relaxed.Value.Objective, relaxed.Value.Point);
            // Prune: this branch cannot beat what is found (whole-number optimum of a branch is no better than its relaxation).
            var bound = maximize ? value.Floor() : value.Ceiling();
            if (best is { } b && (maximize ? bound <= b.Value : bound >= b.Value))
            {
                continue;
            }

            var fractional = Array.FindIndex(point, p => !p.IsInteger);
            if (fractional < 0)
            {
                var witness = point.Select(p => (long)p.Numerator).ToArray();
                if (!Satisfies(witness))
                {
                    throw new InvalidOperationException("The simplex returned a point that breaks a constraint.");
                }

                best = (point[target].Numerator, witness);
                continue;
            }

            var down = ((long Low, long? High)[])bounds.Clone();
            down[fractional] = (down[fractional].Low, (long)point[fractional].Floor());
            var up = ((long Low, long? High)[])bounds.Clone();
            up[fractional] = ((long)point[fractional].Ceiling(), up[fractional].High);
            stack.Push(down);
            stack.Push(up);
        }

        return best;
    }

    /// <summary>
    /// One linear relaxation: x = low + y with 0 ≤ y ≤ high - low, each constraint a row with a
    /// slack (for ≤) and an artificial; phase 1 drives the artificials to 0, phase 2 optimises.
    /// Nonbasic columns sit at their lower or upper bound (bounded-variable simplex), so bounds
    /// need no rows of their own.
    /// </summary>
    private sealed class Simplex
    {
        private readonly int _structural;
        private readonly int _columns;
        private readonly int _rows;
        private readonly Rational[][] _tableau;
        private readonly Rational[] _values;
        private readonly int[] _basis;
        private readonly Rational?[] _upper;
        private readonly bool[] _atUpper;
        private readonly bool[] _artificial;
        private readonly long[] _low;
        private readonly bool _infeasibleBounds;

        public Simplex((long Low, long? High)[] bounds, List<(Dictionary<int, long> Terms, long Right, bool Equality)> constraints)
        {
            _structural = bounds.Length;
            _low = [.. bounds.Select(b => b.Low)];
            _infeasibleBounds = bounds.Any(b => b.High is { } h && h < b.Low);
            var slacks = constraints.Count(c => !c.Equality);
            _rows = constraints.Count;
            _columns = _structural + slacks + _rows;
            _tableau = new Rational[_rows][];
            _values = new Rational[_rows];
            _basis = new int[_rows];
            _upper = new Rational?[_columns];
            _atUpper = new bool[_columns];
            _artificial = new bool[_columns];
            for (var j = 0; j < _structural; j++)
            {
                _upper[j] = bounds[j].High is { } h ? (Rational)(h - bounds[j].Low) : null;
            }

            var slack = _structural;
            for (var i = 0; i < _rows; i++)
            {
                var (terms, right, equality) = constraints[i];
                var row = Enumerable.Repeat(Rational.Zero, _columns).ToArray();
                Rational rhs = right;
                foreach (var (variable, coefficient) in terms)
                {
                    row[variable] = coefficient;
                    rhs -= coefficient * _low[variable];
                }

                if (!equality)
                {
                    row[slack++] = 1;
                }

                if (rhs.Sign < 0)
                {
                    row = [.. row.Select(r => -r)];
                    rhs = -rhs;
                }

                var artificial = _structural + slacks + i;
                row[artificial] = 1;
                _artificial[artificial] = true;
                _tableau[i] = row;
                _values[i] = rhs;
                _basis[i] = artificial;
            }
        }

        public (Rational Objective, Rational[] Point, bool Unbounded)? Solve(int target, bool maximize)
        {
            if (_infeasibleBounds)
            {
                return null;
            }

            var phase1 = new Rational[_columns];
            for (var j = 0; j < _columns; j++)
            {
                phase1[j] = _artificial[j] ? Rational.One : Rational.Zero;
            }

            Run(phase1, allowArtificial: true);
            if (Enumerable.Range(0, _rows).Any(i => _artificial[_basis[i]] && _values[i].Sign > 0))
            {
                return null;
            }

            // Degenerate artificials left in the basis: swap in any real column of their row.
            for (var i = 0; i < _rows; i++)
            {
                if (_artificial[_basis[i]] && Enumerable.Range(0, _columns).FirstOrDefault(j => !_artificial[j] && !IsBasic(j) && !_tableau[i][j].IsZero, -1) is var j and >= 0)
                {
                    // Nothing moves: the artificial leaves at 0 and the column enters at the bound it sits on.
                    var value = _atUpper[j] ? _upper[j]!.Value : Rational.Zero;
                    Pivot(i, j);
                    _values[i] = value;
                    _atUpper[j] = false;
                }
            }

            var phase2 = new Rational[_columns];
            for (var j = 0; j < _columns; j++)
            {
                phase2[j] = j == target ? (maximize ? -Rational.One : Rational.One) : Rational.Zero;
            }

            if (!Run(phase2, allowArtificial: false))
            {
                return (Rational.Zero, [], true);
            }

            var point = new Rational[_structural];
            for (var j = 0; j < _structural; j++)
            {
                point[j] = (Rational)_low[j] + (_atUpper[j] ? _upper[j]!.Value : Rational.Zero);
            }

            for (var i = 0; i < _rows; i++)
            {
                if (_basis[i] < _structural)
                {
                    point[_basis[i]] = (Rational)_low[_basis[i]] + _values[i];
                }
            }

            return (point[target], point, false);
        }

        private bool IsBasic(int column) => Array.IndexOf(_basis, column) >= 0;

        /// <summary>Minimises cost · y from the current basis; false when unbounded.</summary>
        private bool Run(Rational[] cost, bool allowArtificial)
        {
            while (true)
            {
                var entering = -1;
                var increase = true;
                for (var j = 0; j < _columns && entering < 0; j++)
                {
                    if (IsBasic(j) || (!allowArtificial && _artificial[j]))
                    {
                        continue;
                    }

                    var reduced = cost[j];
                    for (var i = 0; i < _rows; i++)
                    {
                        if (!cost[_basis[i]].IsZero && !_tableau[i][j].IsZero)
                        {
                            reduced -= cost[_basis[i]] * _tableau[i][j];
                        }
                    }

                    if (!_atUpper[j] && reduced.Sign < 0)
                    {
                        (entering, increase) = (j, true);
                    }
                    else if (_atUpper[j] && reduced.Sign > 0)
                    {
                        (entering, increase) = (j, false);
                    }
                }

                if (entering < 0)
                {
                    return true;
                }

                // Ratio test: how far the entering column can move before a basic one, or itself, hits a bound.
                Rational? step = _upper[entering];
                var leavingRow = -1;
                var leavingColumn = step is null ? int.MaxValue : entering;
                for (var i = 0; i < _rows; i++)
                {
                    var rate = increase ? _tableau[i][entering] : -_tableau[i][entering];
                    Rational limit;
                    if (rate.Sign > 0)
                    {
                        limit = _values[i] / rate;
                    }
                    else if (rate.Sign < 0 && _upper[_basis[i]] is { } upper)
                    {
                        limit = (upper - _values[i]) / -rate;
                    }
                    else
                    {
                        continue;
                    }

                    if (step is null || limit < step.Value || (limit == step.Value && _basis[i] < leavingColumn))
                    {
                        (step, leavingRow, leavingColumn) = (limit, i, _basis[i]);
                    }
                }

                if (step is null)
                {
                    return false;
                }

                var t = step.Value;
                for (var i = 0; i < _rows; i++)
                {
                    var rate = increase ? _tableau[i][entering] : -_tableau[i][entering];
                    if (!rate.IsZero)
                    {
                        _values[i] -= rate * t;
                    }
                }

                if (leavingRow < 0)
                {
                    _atUpper[entering] = !_atUpper[entering];
                    continue;
                }

                var leaving = _basis[leavingRow];
                var leavingAtUpper = _upper[leaving] is { } u && _values[leavingRow] == u;
                var enteringValue = increase ? (_atUpper[entering] ? _upper[entering]!.Value : Rational.Zero) + t : _upper[entering]!.Value - t;
                Pivot(leavingRow, entering);
                _values[leavingRow] = enteringValue;
                _atUpper[entering] = false;
                _atUpper[leaving] = leavingAtUpper;
            }
        }

        private void Pivot(int row, int column)
        {
            var pivot = _tableau[row][column];
            var pivotRow = _tableau[row];
            for (var j = 0; j < _columns; j++)
            {
                if (!pivotRow[j].IsZero)
                {
                    pivotRow[j] /= pivot;
                }
            }

            for (var i = 0; i < _rows; i++)
            {
                var factor = _tableau[i][column];
                if (i == row || factor.IsZero)
                {
                    continue;
                }

                var current = _tableau[i];
                for (var j = 0; j < _columns; j++)
                {
                    if (!pivotRow[j].IsZero)
                    {
                        current[j] -= factor * pivotRow[j];
                    }
                }
            }

            _basis[row] = column;
        }
    }
}
