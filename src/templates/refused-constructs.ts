/**
 * Walks a parsed template and names every construct the template language (template-language.ts)
 * refuses, each once, with its position: unknown merge fields, helpers, partials, decorators,
 * data and parent references, triple-stash, sub-expressions, named arguments, block parameters.
 */
import { isKnownMergeField } from '../domain/merge-fields';
import { BLOCK_HELPERS } from './template-language';

/** The messages of every refused construct of `program`, empty when it may be rendered. */
export function refusedConstructs(program: hbs.AST.Program): string[] {
  const walk = new ConstructWalk();
  walk.program(program);
  return walk.messages;
}

class ConstructWalk {
  readonly messages: string[] = [];

  private report(node: hbs.AST.Node, message: string): void {
    const full = `${message} (line ${node.loc.start.line}, column ${node.loc.start.column + 1})`;
    // the same unknown field used three times is one problem; keep the first position
    if (!this.messages.some((known) => known.startsWith(`${message} (`))) this.messages.push(full);
  }

  program(node: hbs.AST.Program | undefined): void {
    if (!node) return;
    if (node.blockParams && node.blockParams.length > 0)
      this.report(node, 'block parameters (as |x|) are not available');
    for (const statement of node.body) this.statement(statement);
  }

  private statement(node: hbs.AST.Statement): void {
    switch (node.type) {
      case 'ContentStatement':
      case 'CommentStatement':
        return;
      case 'MustacheStatement':
        return this.mustache(node as hbs.AST.MustacheStatement);
      case 'BlockStatement':
        return this.block(node as hbs.AST.BlockStatement);
      case 'PartialStatement':
      case 'PartialBlockStatement':
        return this.report(node, 'partials ({{> name}}) are not available');
      case 'Decorator':
      case 'DecoratorBlock':
        return this.report(node, 'decorators ({{* name}}) are not available');
      default:
        this.report(node, `${node.type} is not available in templates`);
    }
  }

  private mustache(node: hbs.AST.MustacheStatement): void {
    const written = describe(node.path);
    if (!node.escaped) {
      this.report(node, `{{{${written}}}} and {{& ${written}}} would skip HTML escaping; write {{${written}}}`);
    }
    if (node.params.length > 0 || node.hash) {
      this.report(
        node,
        `"${written}" is used as a helper; the only helpers are the blocks {{#if field}} and {{#unless field}}`,
      );
      this.arguments(node.params, node.hash);
    } else {
      this.fieldReference(node.path);
    }
  }

  private block(node: hbs.AST.BlockStatement): void {
    const name = describe(node.path);
    if (node.path.type !== 'PathExpression' || !BLOCK_HELPERS.has(node.path.original)) {
      this.report(node, `{{#${name}}} is not available; the only blocks are {{#if field}} and {{#unless field}}`);
    } else if (node.params.length !== 1) {
      this.report(node, `{{#${name}}} takes exactly one merge field`);
    }
    this.arguments(node.params, node.hash);
    this.program(node.program);
    this.program(node.inverse);
  }

  private arguments(params: hbs.AST.Expression[], hash: hbs.AST.Hash | undefined): void {
    for (const param of params) this.expression(param);
    if (hash) {
      this.report(hash, 'named arguments (key=value) are not available');
      for (const pair of hash.pairs) this.expression(pair.value);
    }
  }

  private expression(node: hbs.AST.Expression): void {
    switch (node.type) {
      case 'PathExpression':
        return this.fieldReference(node as hbs.AST.PathExpression);
      case 'SubExpression': {
        const sub = node as hbs.AST.SubExpression;
        this.report(node, `sub-expressions such as (${describe(sub.path)} …) are not available`);
        return this.arguments(sub.params, sub.hash);
      }
      case 'StringLiteral':
      case 'NumberLiteral':
      case 'BooleanLiteral':
      case 'UndefinedLiteral':
      case 'NullLiteral':
        return;
      default:
        this.report(node, `${node.type} is not available in templates`);
    }
  }

  private fieldReference(node: hbs.AST.PathExpression | hbs.AST.Literal): void {
    if (node.type !== 'PathExpression') return this.report(node, `{{${describe(node)}}} is not a merge field`);
    const path = node as hbs.AST.PathExpression;
    if (path.data) {
      this.report(node, `data variables such as "${path.original}" are not available`);
    } else if (path.depth > 0) {
      this.report(node, `parent references such as "${path.original}" are not available`);
    } else if (path.parts.length !== 2 || !isKnownMergeField(path.parts.join('.'))) {
      // two plain segments exactly: `[appointment.id]` is one key with a dot in it, not the field
      const written = path.parts.map((part) => (part.includes('.') ? `[${part}]` : part)).join('.');
      this.report(node, `unknown merge field "${written || path.original}"`);
    }
  }
}

/** A node as the template wrote it, for messages. */
function describe(node: hbs.AST.Node): string {
  switch (node.type) {
    case 'PathExpression':
      return (node as hbs.AST.PathExpression).original;
    case 'StringLiteral':
      return JSON.stringify((node as hbs.AST.StringLiteral).value);
    case 'NumberLiteral':
    case 'BooleanLiteral':
      return String((node as hbs.AST.NumberLiteral | hbs.AST.BooleanLiteral).value);
    case 'UndefinedLiteral':
      return 'undefined';
    case 'NullLiteral':
      return 'null';
    case 'SubExpression':
      return `(${describe((node as hbs.AST.SubExpression).path)} …)`;
    default:
      return node.type;
  }
}
