import { TemplateError, templateIssues } from '../../../src/templates/template-check';
import { appointment, html, text } from './merge-data-fixture';

describe('escaping', () => {
  const cartoon = () => {
    const data = appointment();
    data.contact.firstName = '<b>Tom & "Jerry"</b>';
    data.contact.lastName = null;
    return data;
  };

  test('e-mail HTML escapes values, not the template’s own markup', () => {
    expect(html('<p>Hi {{contact.first_name}}</p>', cartoon())).toBe(
      '<p>Hi &lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;</p>',
    );
    expect(html('{{contact.name}}', cartoon())).toBe('&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;');
  });

  test('SMS and plain text show values as they are', () => {
    expect(text('Hi {{contact.first_name}}', cartoon())).toBe('Hi <b>Tom & "Jerry"</b>');
  });

  test('the same template compiled for HTML and for text keeps both behaviours', () => {
    const template = 'Hi {{contact.first_name}}!';
    expect(text(template, cartoon())).toBe('Hi <b>Tom & "Jerry"</b>!');
    expect(html(template, cartoon())).toBe('Hi &lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;!');
    expect(text(template, cartoon())).toBe('Hi <b>Tom & "Jerry"</b>!');
  });

  test('triple-stash, which would skip HTML escaping, is refused', () => {
    expect(templateIssues('{{{contact.first_name}}}')).toEqual([
      {
        message:
          '{{{contact.first_name}}} and {{& contact.first_name}} would skip HTML escaping; write {{contact.first_name}} (line 1, column 1)',
      },
    ]);
    expect(() => html('{{& contact.first_name}}', cartoon())).toThrow(TemplateError);
  });
});
