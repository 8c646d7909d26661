/**
 * Request and tuple context values (JSON) converted to CEL values by the condition's declared parameter
 * types, as OpenFGA converts them. A value that does not fit its type is an error, never a silent default.
 */

import type { CelInput } from '@bufbuild/cel';
import { celUint, isCelError, run } from '@bufbuild/cel';
import { EngineError } from './engine-error.ts';
import type { ConditionParameterType } from './model-types.ts';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

export function celValueOf(name: string, type: ConditionParameterType, value: unknown): CelInput {
  const bad = (expected: string) =>
    new EngineError(
      'condition_error',
      `parameter '${name}' must be ${expected}, got ${JSON.stringify(value) ?? String(value)}`,
    );
  switch (type.kind) {
    case 'any':
      return anyValue(value);
    case 'bool':
      if (typeof value !== 'boolean') throw bad('a bool');
      return value;
    case 'string':
      if (typeof value !== 'string') throw bad('a string');
      return value;
    case 'int': {
      const integer = integerOf(value);
      if (integer === undefined || integer < INT64_MIN || integer > INT64_MAX) throw bad('an int');
      return integer;
    }
    case 'uint': {
      const integer = integerOf(value);
      if (integer === undefined || integer < 0n || integer > UINT64_MAX) throw bad('a uint');
      return celUint(integer);
    }
    case 'double': {
      const number =
        typeof value === 'number'
          ? value
          : typeof value === 'string' && value.trim() !== ''
            ? Number(value)
            : Number.NaN;
      if (!Number.isFinite(number)) throw bad('a double');
      return number;
    }
    case 'duration':
    case 'timestamp': {
      if (typeof value !== 'string') throw bad(`a ${type.kind} string`);
      // CEL's own conversion functions parse the text exactly as an expression would.
      const converted = run(`${type.kind}(text)`, { text: value });
      if (isCelError(converted)) throw bad(`a ${type.kind}`);
      return converted as CelInput;
    }
    case 'ipaddress':
      if (typeof value !== 'string' || parseIp(value) === undefined) throw bad('an IP address');
      return value;
    case 'list':
      if (!Array.isArray(value)) throw bad('a list');
      return value.map((item) => celValueOf(name, type.of, item));
    case 'map': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad('a map');
      const map = new Map<string, CelInput>();
      for (const [key, item] of Object.entries(value)) map.set(key, celValueOf(name, type.of, item));
      return map;
    }
  }
}

function integerOf(value: unknown): bigint | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : undefined;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  return undefined;
}

function anyValue(value: unknown): CelInput {
  if (value === null || typeof value === 'boolean' || typeof value === 'string' || typeof value === 'number')
    return value;
  if (Array.isArray(value)) return value.map(anyValue);
  if (typeof value === 'object') {
    const map = new Map<string, CelInput>();
    for (const [key, item] of Object.entries(value)) map.set(key, anyValue(item));
    return map;
  }
  throw new EngineError('condition_error', `unsupported context value ${String(value)}`);
}

/** An IPv4 or IPv6 address as a 32- or 128-bit integer with its width; undefined when malformed. */
export function parseIp(text: string): { value: bigint; bits: 32 | 128 } | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) {
    const parts = text.split('.').map(Number);
    if (parts.some((part) => part > 255)) return undefined;
    return { value: parts.reduce((sum, part) => (sum << 8n) | BigInt(part), 0n), bits: 32 };
  }
  if (!text.includes(':') || !/^[0-9a-fA-F:]+$/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (groups.some((group) => !/^[0-9a-fA-F]{1,4}$/.test(group))) return undefined;
  return {
    value: groups.reduce((sum, group) => (sum << 16n) | BigInt(Number.parseInt(group, 16)), 0n),
    bits: 128,
  };
}

/** OpenFGA's `ipaddress.in_cidr("10.0.0.0/8")`. */
export function ipInCidr(ip: string, cidr: string): boolean {
  const address = parseIp(ip);
  const [network, prefixText] = cidr.split('/');
  const base = network === undefined ? undefined : parseIp(network);
  const prefix = Number(prefixText);
  if (
    !address ||
    !base ||
    address.bits !== base.bits ||
    !Number.isInteger(prefix) ||
    prefix < 0 ||
    prefix > base.bits
  ) {
    throw new EngineError('condition_error', `invalid CIDR '${cidr}' for '${ip}'`);
  }
  const shift = BigInt(base.bits - prefix);
  return address.value >> shift === base.value >> shift;
}
