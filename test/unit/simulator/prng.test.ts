import { describe, expect, it } from 'vitest';
import { mulberry32, normal } from '../../../electron/simulator/prng';

const draw = (seed: number, count: number): number[] => {
  const random = mulberry32(seed);
  return Array.from({ length: count }, () => random());
};

describe('prng', () => {
  it('is deterministic: the same seed gives the same sequence', () => {
    expect(draw(42, 100)).toEqual(draw(42, 100));
  });

  it('different seeds give different sequences', () => {
    expect(draw(1, 10)).not.toEqual(draw(2, 10));
  });

  it('matches the reference mulberry32 output for seed 1', () => {
    // First outputs of the published reference mulberry32 (Tommy Ettinger's gist) for seed 1, × 2^32.
    expect(draw(1, 3).map((x) => x * 4294967296)).toEqual([2693262067, 11749833, 2265367787]);
  });

  it('draws uniform numbers in [0, 1) and normals with mean 0 and deviation 1', () => {
    const uniforms = draw(7, 20_000);
    expect(Math.min(...uniforms)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...uniforms)).toBeLessThan(1);
    expect(uniforms.reduce((a, b) => a + b, 0) / uniforms.length).toBeCloseTo(0.5, 1);

    const random = mulberry32(7);
    const normals = Array.from({ length: 20_000 }, () => normal(random));
    const mean = normals.reduce((a, b) => a + b, 0) / normals.length;
    const variance = normals.reduce((a, b) => a + (b - mean) ** 2, 0) / normals.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.sqrt(variance)).toBeCloseTo(1, 1);
  });
});
